package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.io.Npy;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Crops held in memory (a mapped {@code .npy} array or a filled batch), read in place by any range of rows.
 *
 * @param data   the crops, one after the other
 * @param count  how many
 * @param layout their layout
 * @param size   their size
 */
record CropArray(MemorySegment data, int count, CropLayout layout, CropSize size) {

    CropArray(FaceBatch batch) {
        this(batch.segment(), batch.count(), batch.layout(), batch.size());
    }

    /**
     * The crops of a {@code .npy} array: float32 (N, 3, H, W) preprocessed or uint8 (N, H, W, 3) RGB.
     *
     * @throws InvalidInputException naming the file, what it holds and what was expected
     */
    static CropArray of(Path file, Npy.Array array, CropSize size) {
        long[] s = array.shape();
        boolean floats = array.dtype() == Npy.DType.FLOAT32 && s.length == 4 && s[1] == 3
                && s[2] == size.height() && s[3] == size.width();
        boolean bytes = array.dtype() == Npy.DType.UINT8 && s.length == 4 && s[3] == 3
                && s[1] == size.height() && s[2] == size.width();
        if (!floats && !bytes) {
            throw new InvalidInputException(file + " holds " + array.dtype().name().toLowerCase(Locale.ROOT)
                    + " " + array.shapeString() + "; expected float32 (N, 3, " + size.height() + ", "
                    + size.width() + ") preprocessed crops or uint8 (N, " + size.height() + ", " + size.width()
                    + ", 3) RGB crops");
        }
        if (s[0] > Integer.MAX_VALUE) {
            throw new InvalidInputException(file + " holds " + s[0] + " crops; at most " + Integer.MAX_VALUE
                    + " fit one run: split it");
        }
        return new CropArray(array.data(), (int) s[0], floats ? CropLayout.FLOAT32_NCHW : CropLayout.UINT8_HWC_RGB,
                size);
    }

    /** Bytes of one uint8 RGB crop of {@code size}. */
    static long uint8Bytes(CropSize size) {
        return CropLayout.UINT8_HWC_RGB.cropBytes(size.height(), size.width());
    }

    /** Crops {@code [start, start + n)} as a batch over the same memory. */
    FaceBatch batch(int start, int n) {
        long cropBytes = layout.cropBytes(size.height(), size.width());
        return FaceBatch.wrap(data.asSlice(start * cropBytes, n * cropBytes), layout, size, n);
    }
}

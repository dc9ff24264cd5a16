package dev.faceembed.preprocess;

import dev.faceembed.CropSize;
import dev.faceembed.model.Preprocessing;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Turns uint8 HWC RGB crops into the float32 NCHW planes a model expects (channel order, mean and std of its
 * {@link Preprocessing}). A 256-entry table per plane makes each value one load: no arithmetic on the hot path, and
 * the same float32 results as computing {@code (p - mean) / std} directly.
 */
public final class CropConverter {
    private final float[][] table = new float[3][256];
    private final int[] sourceChannel = new int[3];
    private final int pixels;

    /**
     * A converter for one model's preprocessing and crop size. It is not changed after it is made: one instance can
     * serve many threads.
     *
     * @param preprocessing the model's channel order, mean and std
     * @param size          the crop size
     */
    public CropConverter(Preprocessing preprocessing, CropSize size) {
        for (int plane = 0; plane < 3; plane++) {
            sourceChannel[plane] = preprocessing.channelOrder().rgbChannelOfPlane(plane);
            for (int p = 0; p < 256; p++) {
                table[plane][p] = preprocessing.normalise(plane, p);
            }
        }
        this.pixels = size.height() * size.width();
    }

    /**
     * Converts {@code count} crops starting at byte {@code srcOffset} of {@code src} into {@code dst} (from its
     * start). The caller guarantees both segments are large enough.
     *
     * @param src       uint8 HWC RGB crops
     * @param srcOffset byte offset of the first crop in {@code src}
     * @param count     crops to convert
     * @param dst       receives {@code count} float32 NCHW crops, {@code 3 * height * width * 4} bytes each
     */
    public void convert(MemorySegment src, long srcOffset, int count, MemorySegment dst) {
        long planeBytes = (long) pixels * Float.BYTES;
        for (int crop = 0; crop < count; crop++) {
            long in = srcOffset + (long) crop * pixels * 3;
            long out = (long) crop * 3 * planeBytes;
            for (int plane = 0; plane < 3; plane++) {
                float[] lut = table[plane];
                long src0 = in + sourceChannel[plane];
                long dst0 = out + plane * planeBytes;
                for (int i = 0; i < pixels; i++) {
                    int value = Byte.toUnsignedInt(src.get(ValueLayout.JAVA_BYTE, src0 + 3L * i));
                    dst.set(ValueLayout.JAVA_FLOAT_UNALIGNED, dst0 + (long) i * Float.BYTES, lut[value]);
                }
            }
        }
    }
}

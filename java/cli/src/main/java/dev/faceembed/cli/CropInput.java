package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.io.Npy;
import dev.faceembed.preprocess.ImageCrops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** The crops {@code embed encode} reads: a folder of images, one image, or a NumPy array. */
sealed interface CropInput {

    /** Number of crops. */
    int count();

    /** The source file of each row for image input, or empty for arrays. */
    List<Path> files();

    /** Crops {@code [start, start + n)} as a batch (valid until the next call). */
    FaceBatch batch(int start, int n);

    /** Opens {@code input}; memory for arrays and batches comes from {@code arena}. */
    static CropInput open(Path input, CropSize size, int maxBatch, Arena arena) {
        if (Files.isDirectory(input)) {
            List<Path> files = imagesIn(input);
            if (files.isEmpty()) {
                throw new InvalidInputException("no .png, .jpg or .jpeg files in " + input);
            }
            return new Images(files, FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, size, maxBatch));
        }
        if (!Files.isRegularFile(input)) {
            throw new InvalidInputException("input not found: " + input);
        }
        if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return Array.of(input, Npy.read(input, arena), size);
        }
        return new Images(List.of(input), FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, size, 1));
    }

    private static List<Path> imagesIn(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Image files decoded into one reusable uint8 batch. */
    record Images(List<Path> files, FaceBatch buffer) implements CropInput {
        @Override
        public int count() {
            return files.size();
        }

        @Override
        public FaceBatch batch(int start, int n) {
            ImageCrops.fill(buffer, ImageCrops.readAll(files.subList(start, start + n)));
            return buffer;
        }
    }

    /** Crops already in memory (a .npy array or a filled batch), used in place. */
    record Array(MemorySegment data, int count, CropLayout layout, CropSize size) implements CropInput {
        Array(FaceBatch batch) {
            this(batch.segment(), batch.capacity(), batch.layout(), batch.size());
        }

        static Array of(Path file, Npy.Array array, CropSize size) {
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
            return new Array(array.data(), Math.toIntExact(s[0]),
                    floats ? CropLayout.FLOAT32_NCHW : CropLayout.UINT8_HWC_RGB, size);
        }

        @Override
        public List<Path> files() {
            return List.of();
        }

        @Override
        public FaceBatch batch(int start, int n) {
            long cropBytes = layout.cropBytes(size.height(), size.width());
            return FaceBatch.wrap(data.asSlice(start * cropBytes, n * cropBytes), layout, size, n);
        }
    }
}

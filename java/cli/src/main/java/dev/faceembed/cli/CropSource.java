package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.io.Npy;
import dev.faceembed.preprocess.ImageDecoder;

import java.lang.foreign.Arena;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The crops a command reads, a batch at a time: the images of a folder, one image, or the rows of a {@code .npy}
 * array. Image files are decoded a few ahead of the backend on worker threads, one file per task, so memory
 * follows the batch and never the number of files.
 */
sealed interface CropSource extends AutoCloseable permits ImageFileSource, ArraySource {

    /** What to do with an image that cannot be decoded. */
    enum OnError {
        /** Stop the run with the file's error. */
        FAIL,
        /** Leave it out, record why, and go on with the next. */
        SKIP
    }

    /** An input that gave no crop, and why. */
    record Failure(Path file, String reason) {
    }

    /**
     * The next crops, at most a batch.
     *
     * @param batch    the crops read, in input order ({@code count()} of them)
     * @param files    the source file of each crop, or empty for arrays
     * @param failures inputs left out since the previous chunk
     */
    record Chunk(FaceBatch batch, List<Path> files, List<Failure> failures) {
    }

    /** How many inputs there are: image files, or array rows; every one either becomes a crop or a failure. */
    int inputs();

    /** Whether the rows come from image files (and so have file names). */
    boolean hasFiles();

    /** Folder entries that are not image files, and why; never read. */
    List<ImageFolder.Skipped> skipped();

    /** The next chunk, or {@code null} when every input was taken. */
    Chunk next();

    @Override
    void close();

    /**
     * Opens {@code input} for crops of {@code size}, {@code batch} at a time; buffers are sized for
     * {@code min(batch, inputs)} crops, from {@code arena}.
     *
     * @throws InvalidInputException when the input does not exist, holds no image file, or is not a crop array
     */
    static CropSource open(Path input, CropSize size, int batch, OnError onError, ImageDecoder decoder,
                           Arena arena) {
        if (Files.isDirectory(input)) {
            ImageFolder folder = ImageFolder.list(input);
            if (folder.images().isEmpty()) {
                throw new InvalidInputException("no image files in " + input + " (readable: " + String.join(", ",
                        ImageDecoder.decodableSuffixes()) + ")" + ImageFolder.describe(folder.skipped()));
            }
            return new ImageFileSource(folder.images(), folder.skipped(), size, batch, onError, decoder, arena);
        }
        if (!Files.isRegularFile(input)) {
            throw new InvalidInputException(Files.exists(input) ? input + " is neither a folder nor a file"
                    : "input not found: " + input);
        }
        if (input.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
            return new ArraySource(CropArray.of(input, Npy.read(input, arena), size), batch);
        }
        return new ImageFileSource(List.of(input), List.of(), size, batch, onError, decoder, arena);
    }

    /**
     * Every crop of the source in one array, for commands that go over the crops more than once; inputs that
     * give no crop are left out as the source's {@link OnError} says.
     */
    static CropArray readAll(CropSource source, Arena arena) {
        if (source instanceof ArraySource array) {
            return array.crops();
        }
        CropSize size = null;
        FaceBatch all = null;
        int count = 0;
        for (Chunk chunk = source.next(); chunk != null; chunk = source.next()) {
            FaceBatch part = chunk.batch();
            if (all == null) {
                size = part.size();
                all = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, size, source.inputs());
            }
            all.segment().asSlice(count * part.cropBytes(), part.count() * part.cropBytes())
                    .copyFrom(part.segment().asSlice(0, part.count() * part.cropBytes()));
            count += part.count();
        }
        if (count == 0) {
            throw new InvalidInputException("none of the " + source.inputs() + " inputs gave a crop");
        }
        return new CropArray(all.setCount(count));
    }
}

package dev.faceembed.cli;

import dev.faceembed.InvalidInputException;
import dev.faceembed.detect.PhotoDecoder;
import dev.faceembed.preprocess.ImageDecoder;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The photos a face command reads: the images of a folder (sorted by file name) or one image, decoded at full
 * resolution a few ahead of the caller on worker threads, in order. A photo that cannot be decoded comes back with
 * the reason instead of an image, for the errors list.
 */
final class Photos implements AutoCloseable {
    /** Photos decoded ahead: each may be tens of megapixels, so the window stays small. */
    private static final int WINDOW = 4;

    private final List<Path> files;
    private final List<ImageFolder.Skipped> skipped;
    private final DecodeAhead<Path, Photo> decoding;
    private int taken;

    /** A decoded photo, or why the file gave none. */
    record Photo(Path file, BufferedImage image, String error) {
    }

    private Photos(List<Path> files, List<ImageFolder.Skipped> skipped, PhotoDecoder decoder) {
        this.files = files;
        this.skipped = skipped;
        int threads = Math.min(WINDOW, Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.decoding = new DecodeAhead<>(files, file -> decode(decoder, file), threads, WINDOW);
    }

    /**
     * The photos of {@code input}, a folder or one image.
     *
     * @throws InvalidInputException when it does not exist or a folder holds no image file
     */
    static Photos open(Path input, long maxPixels) {
        PhotoDecoder decoder = new PhotoDecoder(maxPixels);
        if (Files.isDirectory(input)) {
            ImageFolder folder = ImageFolder.list(input);
            if (folder.images().isEmpty()) {
                throw new InvalidInputException("no image files in " + input + " (readable: " + String.join(", ",
                        ImageDecoder.decodableSuffixes()) + ")" + ImageFolder.describe(folder.skipped()));
            }
            return new Photos(folder.images(), folder.skipped(), decoder);
        }
        if (!Files.isRegularFile(input)) {
            throw new InvalidInputException(Files.exists(input) ? input + " is neither a folder nor a file"
                    : "input not found: " + input);
        }
        return new Photos(List.of(input), List.of(), decoder);
    }

    private static Photo decode(PhotoDecoder decoder, Path file) {
        try {
            return new Photo(file, decoder.read(file), null);
        } catch (InvalidInputException e) {
            return new Photo(file, null, e.getMessage());
        }
    }

    int count() {
        return files.size();
    }

    List<ImageFolder.Skipped> skipped() {
        return skipped;
    }

    /** The next photos, at most {@code max}; empty when every photo was taken. */
    List<Photo> next(int max) {
        List<Photo> out = new ArrayList<>();
        while (out.size() < max && taken < files.size()) {
            out.add(decoding.next());
            taken++;
        }
        return out;
    }

    @Override
    public void close() {
        decoding.close();
    }
}

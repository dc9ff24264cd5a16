package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.preprocess.ImageCrops;
import dev.faceembed.preprocess.ImageDecoder;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Image files decoded into one reusable uint8 batch. Decoding runs on worker threads a batch ahead of the caller
 * (each image is shrunk to the crop size on the worker, so what waits in the window is a crop, not a photo).
 */
final class ImageFileSource implements CropSource {
    private final List<Path> files;
    private final List<ImageFolder.Skipped> skipped;
    private final FaceBatch buffer;
    private final OnError onError;
    private final DecodeAhead<Path, Decoded> decoding;
    private int taken;

    /** A decoded crop, or why the file gave none. */
    private record Decoded(Path file, BufferedImage crop, InvalidInputException error) {
    }

    ImageFileSource(List<Path> files, List<ImageFolder.Skipped> skipped, CropSize size, int batch,
                    OnError onError, ImageDecoder decoder, Arena arena) {
        this.files = files;
        this.skipped = skipped;
        this.onError = onError;
        int capacity = Math.min(batch, files.size());
        this.buffer = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, size, capacity);
        int threads = Math.min(capacity, Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.decoding = new DecodeAhead<>(files, file -> decode(decoder, file, size), threads, 2 * capacity);
    }

    private static Decoded decode(ImageDecoder decoder, Path file, CropSize size) {
        try {
            BufferedImage image = decoder.read(file, size);
            boolean sized = image.getWidth() == size.width() && image.getHeight() == size.height();
            return new Decoded(file, sized ? image : ImageCrops.resize(image, size), null);
        } catch (InvalidInputException e) {
            return new Decoded(file, null, e);
        }
    }

    @Override
    public int inputs() {
        return files.size();
    }

    @Override
    public boolean hasFiles() {
        return true;
    }

    @Override
    public List<ImageFolder.Skipped> skipped() {
        return skipped;
    }

    @Override
    public Chunk next() {
        if (taken == files.size()) {
            return null;
        }
        List<Path> rows = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        while (rows.size() < buffer.capacity() && taken < files.size()) {
            Decoded decoded = decoding.next();
            taken++;
            if (decoded.error() != null) {
                if (onError == OnError.FAIL) {
                    throw decoded.error();
                }
                failures.add(new Failure(decoded.file(), decoded.error().getMessage()));
            } else {
                ImageCrops.put(buffer, rows.size(), decoded.crop());
                rows.add(decoded.file());
            }
        }
        return new Chunk(buffer.setCount(rows.size()), List.copyOf(rows), List.copyOf(failures));
    }

    @Override
    public void close() {
        decoding.close();
    }
}

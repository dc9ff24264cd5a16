package dev.faceembed.cli;

import java.util.List;

/** The rows of a crop array, a batch at a time, read in place. */
final class ArraySource implements CropSource {
    private final CropArray crops;
    private final int batch;
    private int next;

    ArraySource(CropArray crops, int batch) {
        this.crops = crops;
        this.batch = batch;
    }

    CropArray crops() {
        return crops;
    }

    @Override
    public int inputs() {
        return crops.count();
    }

    @Override
    public boolean hasFiles() {
        return false;
    }

    @Override
    public List<ImageFolder.Skipped> skipped() {
        return List.of();
    }

    @Override
    public Chunk next() {
        if (next >= crops.count()) {
            return null;
        }
        int n = Math.min(batch, crops.count() - next);
        Chunk chunk = new Chunk(crops.batch(next, n), List.of(), List.of());
        next += n;
        return chunk;
    }

    @Override
    public void close() {
    }
}

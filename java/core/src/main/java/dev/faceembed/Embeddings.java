package dev.faceembed;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * {@code count x dim} L2-normalised float32 embeddings, row-major, off-heap. The accessors that return arrays copy;
 * {@link #segment()} does not.
 */
public final class Embeddings {
    private final MemorySegment data;
    private final int count;
    private final int dim;

    private Embeddings(MemorySegment data, int count, int dim) {
        this.data = data;
        this.count = count;
        this.dim = dim;
    }

    /** Fresh, garbage-collected memory for {@code count} embeddings of {@code dim} floats. */
    public static Embeddings allocate(int count, int dim) {
        return new Embeddings(Arena.ofAuto().allocate(Math.max(1L, (long) count * dim * Float.BYTES), 64), count, dim);
    }

    /** Views {@code count x dim} floats of existing memory (no copy). */
    public static Embeddings view(MemorySegment data, int count, int dim) {
        if (data.byteSize() < (long) count * dim * Float.BYTES) {
            throw new InvalidInputException("segment of " + data.byteSize() + " bytes cannot hold " + count + " x "
                    + dim + " floats");
        }
        return new Embeddings(data, count, dim);
    }

    public int count() {
        return count;
    }

    public int dim() {
        return dim;
    }

    /** The {@code count x dim} floats (no copy). */
    public MemorySegment segment() {
        return data.asSlice(0, (long) count * dim * Float.BYTES);
    }

    public float get(int row, int column) {
        if (row < 0 || row >= count || column < 0 || column >= dim) {
            throw new IndexOutOfBoundsException("(" + row + ", " + column + ") outside " + count + " x " + dim);
        }
        return data.getAtIndex(ValueLayout.JAVA_FLOAT, (long) row * dim + column);
    }

    /** A copy of row {@code row}. */
    public float[] row(int row) {
        if (row < 0 || row >= count) {
            throw new IndexOutOfBoundsException("row " + row + " of " + count);
        }
        return data.asSlice((long) row * dim * Float.BYTES, (long) dim * Float.BYTES).toArray(ValueLayout.JAVA_FLOAT);
    }

    /** A copy of all rows. */
    public float[][] toArray() {
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = row(i);
        }
        return rows;
    }

    /** Cosine similarity of two vectors of equal length (for normalised vectors, their dot product). */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of length " + a.length + " and " + b.length);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}

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

    /**
     * Fresh, garbage-collected memory for {@code count} embeddings of {@code dim} floats.
     *
     * @param count rows, 0 or more
     * @param dim   floats per row
     * @return embeddings over new memory, 64-byte aligned
     */
    public static Embeddings allocate(int count, int dim) {
        return new Embeddings(Arena.ofAuto().allocate(Math.max(1L, (long) count * dim * Float.BYTES), 64), count, dim);
    }

    /**
     * Views {@code count x dim} floats of existing memory (no copy).
     *
     * @param data  the floats, row-major from offset 0; stays owned by the caller
     * @param count rows
     * @param dim   floats per row
     * @return embeddings over {@code data}
     * @throws InvalidInputException if the segment is smaller than {@code count * dim} floats
     */
    public static Embeddings view(MemorySegment data, int count, int dim) {
        if (data.byteSize() < (long) count * dim * Float.BYTES) {
            throw new InvalidInputException("segment of " + data.byteSize() + " bytes cannot hold " + count + " x "
                    + dim + " floats");
        }
        return new Embeddings(data, count, dim);
    }

    /**
     * How many embeddings (rows) there are.
     *
     * @return the row count, 0 or more
     */
    public int count() {
        return count;
    }

    /**
     * Floats per embedding, e.g. 512.
     *
     * @return the column count
     */
    public int dim() {
        return dim;
    }

    /**
     * The {@code count x dim} floats (no copy).
     *
     * @return a slice of exactly {@code count * dim * 4} bytes
     */
    public MemorySegment segment() {
        return data.asSlice(0, (long) count * dim * Float.BYTES);
    }

    /**
     * One value of one embedding.
     *
     * @param row    the embedding, 0 to {@code count() - 1}
     * @param column the component, 0 to {@code dim() - 1}
     * @return the value
     * @throws IndexOutOfBoundsException if {@code row} or {@code column} is out of range
     */
    public float get(int row, int column) {
        if (row < 0 || row >= count || column < 0 || column >= dim) {
            throw new IndexOutOfBoundsException("(" + row + ", " + column + ") outside " + count + " x " + dim);
        }
        return data.getAtIndex(ValueLayout.JAVA_FLOAT, (long) row * dim + column);
    }

    /**
     * A copy of row {@code row}.
     *
     * @param row the embedding, 0 to {@code count() - 1}
     * @return a new array of {@link #dim()} floats
     * @throws IndexOutOfBoundsException if {@code row} is out of range
     */
    public float[] row(int row) {
        if (row < 0 || row >= count) {
            throw new IndexOutOfBoundsException("row " + row + " of " + count);
        }
        return data.asSlice((long) row * dim * Float.BYTES, (long) dim * Float.BYTES).toArray(ValueLayout.JAVA_FLOAT);
    }

    /**
     * A copy of all rows.
     *
     * @return a new {@code count x dim} array
     */
    public float[][] toArray() {
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = row(i);
        }
        return rows;
    }

    /**
     * Cosine similarity of two vectors of equal length (for normalised vectors, their dot product).
     *
     * @param a one vector
     * @param b the other vector, as long as {@code a}
     * @return the similarity, -1 to 1; NaN if either vector is all zeros
     * @throws IllegalArgumentException if the lengths differ
     */
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

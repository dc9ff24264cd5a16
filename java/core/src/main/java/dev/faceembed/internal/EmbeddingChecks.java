package dev.faceembed.internal;

import dev.faceembed.InvalidInputException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Checks of a model's raw output before it is handed out as an embedding: a row that is not finite, or whose norm is
 * zero or below float's normal range (all zeros, or subnormal values), has no direction and cannot be L2-normalised
 * into anything but garbage; it is an error naming the crop, never a row of zeros or infinities.
 */
public final class EmbeddingChecks {
    private static final double SMALLEST_NORM = Float.MIN_NORMAL;

    private EmbeddingChecks() {
    }

    /**
     * Throws unless a row whose squares sum to {@code sumOfSquares} can be normalised.
     *
     * @param sumOfSquares the row's squared L2 norm
     * @param row          the row's index in its batch, for the message
     * @throws InvalidInputException if the sum is not finite or the norm is below {@link Float#MIN_NORMAL}
     */
    public static void requireNormalisable(double sumOfSquares, int row) {
        if (!Double.isFinite(sumOfSquares)) {
            throw new InvalidInputException("embedding " + row + " is not finite: the model overflowed on this crop");
        }
        if (Math.sqrt(sumOfSquares) < SMALLEST_NORM) {
            throw new InvalidInputException("embedding " + row + " has norm " + Math.sqrt(sumOfSquares)
                    + " (all zeros or subnormal values): the model gives this crop no direction to normalise; is it"
                    + " a face crop of the model's size and preprocessing?");
        }
    }

    /**
     * Checks {@code count} rows of {@code dim} floats that were normalised elsewhere (on a GPU).
     *
     * @param rows  the rows, row-major float32 from offset 0
     * @param count rows to check
     * @param dim   floats per row
     * @throws InvalidInputException naming the first row that is not finite or has no direction
     */
    public static void requireNormalised(MemorySegment rows, int count, int dim) {
        for (int row = 0; row < count; row++) {
            long base = (long) row * dim * Float.BYTES;
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                float v = rows.get(ValueLayout.JAVA_FLOAT, base + (long) i * Float.BYTES);
                sum += (double) v * v;
            }
            requireNormalisable(sum, row);
        }
    }
}

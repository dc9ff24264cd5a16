package dev.faceembed.detect;

import java.util.Arrays;

/**
 * The five ArcFace landmarks of a face in photo pixels, in the order {@code FaceAligner} takes them: left eye, right
 * eye, nose tip, left mouth corner, right mouth corner, left and right as seen in the photo. Immutable.
 */
public final class Landmarks {
    /** Number of points. */
    public static final int COUNT = 5;

    private final float[] xy;

    /**
     * From {@code x0, y0, ..., x4, y4}; the array is copied.
     *
     * @param xy 10 numbers, the points in photo pixels
     * @throws IllegalArgumentException if {@code xy} does not have 10 numbers
     */
    public Landmarks(float[] xy) {
        if (xy.length != 2 * COUNT) {
            throw new IllegalArgumentException("5 landmarks are 10 numbers, got " + xy.length);
        }
        this.xy = xy.clone();
    }

    /**
     * The x of one point.
     *
     * @param point 0 to 4, in the order of the class comment
     * @return x in photo pixels
     * @throws ArrayIndexOutOfBoundsException if {@code point} is outside 0 to 4
     */
    public float x(int point) {
        return xy[2 * point];
    }

    /**
     * The y of one point.
     *
     * @param point 0 to 4, in the order of the class comment
     * @return y in photo pixels
     * @throws ArrayIndexOutOfBoundsException if {@code point} is outside 0 to 4
     */
    public float y(int point) {
        return xy[2 * point + 1];
    }

    /**
     * A copy as {@code x0, y0, ..., x4, y4}: what {@code FaceAligner} takes.
     *
     * @return a new array of 10 numbers
     */
    public float[] toArray() {
        return xy.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks other && Arrays.equals(xy, other.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Landmarks" + Arrays.toString(xy);
    }
}

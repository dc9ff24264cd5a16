package dev.faceembed;

/**
 * Height and width in pixels of the crops a model takes, e.g. 112 x 112.
 *
 * @param height rows of pixels, positive
 * @param width  columns of pixels, positive
 */
public record CropSize(int height, int width) {
    /**
     * Checks that both sides are positive.
     *
     * @throws IllegalArgumentException if {@code height} or {@code width} is zero or negative
     */
    public CropSize {
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("crop size must be positive, got " + height + "x" + width);
        }
    }

    @Override
    public String toString() {
        return height + "x" + width;
    }
}

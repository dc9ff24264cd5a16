package dev.faceembed;

/** Height and width in pixels of the crops a model takes, e.g. 112 x 112. */
public record CropSize(int height, int width) {
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

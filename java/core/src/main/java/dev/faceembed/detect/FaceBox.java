package dev.faceembed.detect;

/**
 * A face's box in photo pixels, corner form: {@code (x1, y1)} top left, {@code (x2, y2)} bottom right, within the
 * photo.
 *
 * @param x1 left edge, in pixels from the photo's left
 * @param y1 top edge, in pixels from the photo's top
 * @param x2 right edge, at least {@code x1}
 * @param y2 bottom edge, at least {@code y1}
 */
public record FaceBox(float x1, float y1, float x2, float y2) {

    /**
     * The box's width.
     *
     * @return {@code x2 - x1}, in pixels
     */
    public float width() {
        return x2 - x1;
    }

    /**
     * The box's height.
     *
     * @return {@code y2 - y1}, in pixels
     */
    public float height() {
        return y2 - y1;
    }

    /**
     * The longer side: what {@code detection.min_face_px} is compared with.
     *
     * @return the larger of width and height, in pixels
     */
    public float size() {
        return Math.max(width(), height());
    }

    /**
     * The box's area.
     *
     * @return width times height, in square pixels
     */
    public float area() {
        return width() * height();
    }

    /**
     * Intersection over union with {@code other}.
     *
     * @param other another box in the same photo
     * @return 0 (disjoint) to 1 (the same box)
     */
    public float iou(FaceBox other) {
        float w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
        float h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        float intersection = w * h;
        return intersection / (area() + other.area() - intersection);
    }
}

package dev.faceembed.detect;

/**
 * A face's box in photo pixels, corner form: {@code (x1, y1)} top left, {@code (x2, y2)} bottom right, within the
 * photo.
 */
public record FaceBox(float x1, float y1, float x2, float y2) {

    public float width() {
        return x2 - x1;
    }

    public float height() {
        return y2 - y1;
    }

    /** The longer side: what {@code detection.min_face_px} is compared with. */
    public float size() {
        return Math.max(width(), height());
    }

    public float area() {
        return width() * height();
    }

    /** Intersection over union with {@code other}. */
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

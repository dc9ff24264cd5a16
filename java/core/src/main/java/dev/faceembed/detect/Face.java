package dev.faceembed.detect;

/**
 * A face found in a photo, with its embedding.
 *
 * @param detection where the face is: box, score, landmarks
 * @param embedding the L2-normalised embedding of its aligned crop (the caller's to keep)
 */
public record Face(DetectedFace detection, float[] embedding) {

    public FaceBox box() {
        return detection.box();
    }

    public float score() {
        return detection.score();
    }

    public Landmarks landmarks() {
        return detection.landmarks();
    }
}

package dev.faceembed.detect;

/**
 * A face found in a photo, with its embedding.
 *
 * @param detection where the face is: box, score, landmarks
 * @param embedding the L2-normalised embedding of its aligned crop (the caller's to keep)
 */
public record Face(DetectedFace detection, float[] embedding) {

    /**
     * Where the face is.
     *
     * @return its box, in photo pixels
     */
    public FaceBox box() {
        return detection.box();
    }

    /**
     * How sure the detector is that this is a face.
     *
     * @return the detector's score, 0 to 1
     */
    public float score() {
        return detection.score();
    }

    /**
     * The face's five ArcFace landmarks.
     *
     * @return the landmarks, in photo pixels
     */
    public Landmarks landmarks() {
        return detection.landmarks();
    }
}

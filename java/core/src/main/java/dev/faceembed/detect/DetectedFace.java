package dev.faceembed.detect;

/**
 * One face found in a photo.
 *
 * @param box       where it is, in photo pixels
 * @param score     the detector's confidence, 0 to 1
 * @param landmarks its five ArcFace landmarks, in photo pixels
 */
public record DetectedFace(FaceBox box, float score, Landmarks landmarks) {
}

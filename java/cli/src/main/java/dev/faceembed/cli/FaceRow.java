package dev.faceembed.cli;

import dev.faceembed.detect.DetectedFace;

import java.nio.file.Path;

/**
 * One face of a photo as the face commands write it.
 *
 * @param file      the photo
 * @param index     the face's index in its photo, highest detector score first
 * @param face      box, score and landmarks, in photo pixels
 * @param embedding its L2-normalised embedding, or {@code null} for {@code embed detect}
 */
record FaceRow(Path file, int index, DetectedFace face, float[] embedding) {

    float[] box() {
        return new float[]{face.box().x1(), face.box().y1(), face.box().x2(), face.box().y2()};
    }
}

package dev.faceembed.detect;

import java.util.Optional;

/** The one wording of why a photo has no face, shared by {@link Detections} and {@link PhotoFaces}. */
final class NoFaceReason {
    private NoFaceReason() {
    }

    static Optional<String> of(int faces, int smallFaces) {
        if (faces > 0) {
            return Optional.empty();
        }
        return Optional.of(smallFaces == 0 ? "no face found"
                : "no face large enough: " + smallFaces + " smaller than detection.min_face_px");
    }
}

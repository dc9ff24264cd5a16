package dev.faceembed.detect;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The faces of one photo with their embeddings, highest detector score first.
 *
 * @param faces      the faces kept
 * @param smallFaces faces the detector found but dropped as smaller than {@code detection.min_face_px}
 */
public record PhotoFaces(List<Face> faces, int smallFaces) {
    /** Copies the list of faces. */
    public PhotoFaces {
        faces = List.copyOf(faces);
    }

    /**
     * Why no face was kept, for listing photos without faces; empty when there are faces.
     *
     * @return {@code no face found}, or how many faces were too small
     */
    public Optional<String> noFaceReason() {
        return NoFaceReason.of(faces.size(), smallFaces);
    }

    /**
     * The face with the largest box (what {@code --largest-face} keeps).
     *
     * @return the face whose box has the largest area, or empty when there is none
     */
    public Optional<Face> largest() {
        return faces.stream().max(Comparator.comparingDouble(f -> f.box().area()));
    }
}

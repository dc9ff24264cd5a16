package dev.faceembed.detect;

import dev.faceembed.config.DetectionKeys;
import dev.faceembed.config.PipelineConfig;

/**
 * What the face detector keeps: the {@code detection} keys of the configuration (see {@link DetectionKeys} for
 * their meaning and defaults).
 *
 * @param minScore  lowest detector score kept, 0 to 1
 * @param nmsIou    boxes overlapping a higher-scored box by at least this IoU are dropped
 * @param minFacePx smallest face kept (the longer side of its box, in photo pixels); also decides the tiles
 * @param maxFaces  most faces kept per photo, highest scores first; 0 keeps every face
 */
public record DetectionOptions(double minScore, double nmsIou, int minFacePx, int maxFaces) {
    public DetectionOptions {
        if (!(minScore >= 0 && minScore <= 1) || !(nmsIou >= 0 && nmsIou <= 1)) {
            throw new IllegalArgumentException("min score and NMS IoU must be within 0..1, got " + minScore + " and "
                    + nmsIou);
        }
        if (minFacePx < 1 || maxFaces < 0) {
            throw new IllegalArgumentException("min face size must be >= 1 and max faces >= 0, got " + minFacePx
                    + " and " + maxFaces);
        }
    }

    /** The defaults of the {@code detection} keys. */
    public static DetectionOptions defaults() {
        return new DetectionOptions(DetectionKeys.MIN_SCORE.defaultValue(), DetectionKeys.NMS_IOU.defaultValue(),
                DetectionKeys.MIN_FACE_PX.defaultValue(), DetectionKeys.MAX_FACES.defaultValue());
    }

    /** The {@code detection} keys of a loaded configuration. */
    public static DetectionOptions of(PipelineConfig config) {
        return new DetectionOptions(config.get(DetectionKeys.MIN_SCORE), config.get(DetectionKeys.NMS_IOU),
                config.get(DetectionKeys.MIN_FACE_PX), config.get(DetectionKeys.MAX_FACES));
    }

    public DetectionOptions withMinScore(double score) {
        return new DetectionOptions(score, nmsIou, minFacePx, maxFaces);
    }

    public DetectionOptions withNmsIou(double iou) {
        return new DetectionOptions(minScore, iou, minFacePx, maxFaces);
    }

    public DetectionOptions withMinFacePx(int pixels) {
        return new DetectionOptions(minScore, nmsIou, pixels, maxFaces);
    }

    public DetectionOptions withMaxFaces(int faces) {
        return new DetectionOptions(minScore, nmsIou, minFacePx, faces);
    }
}

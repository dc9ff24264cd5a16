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
    /**
     * Checks the ranges.
     *
     * @throws IllegalArgumentException if {@code minScore} or {@code nmsIou} is outside 0 to 1 (or NaN),
     *                                  {@code minFacePx} is below 1 or {@code maxFaces} is negative
     */
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

    /**
     * The defaults of the {@code detection} keys.
     *
     * @return the default options
     */
    public static DetectionOptions defaults() {
        return new DetectionOptions(DetectionKeys.MIN_SCORE.defaultValue(), DetectionKeys.NMS_IOU.defaultValue(),
                DetectionKeys.MIN_FACE_PX.defaultValue(), DetectionKeys.MAX_FACES.defaultValue());
    }

    /**
     * The {@code detection} keys of a loaded configuration.
     *
     * @param config a loaded configuration
     * @return the configured options
     */
    public static DetectionOptions of(PipelineConfig config) {
        return new DetectionOptions(config.get(DetectionKeys.MIN_SCORE), config.get(DetectionKeys.NMS_IOU),
                config.get(DetectionKeys.MIN_FACE_PX), config.get(DetectionKeys.MAX_FACES));
    }

    /**
     * These options with another score threshold.
     *
     * @param score lowest detector score kept, 0 to 1
     * @return new options
     * @throws IllegalArgumentException if {@code score} is outside 0 to 1
     */
    public DetectionOptions withMinScore(double score) {
        return new DetectionOptions(score, nmsIou, minFacePx, maxFaces);
    }

    /**
     * These options with another overlap threshold.
     *
     * @param iou intersection over union at which two boxes are one face, 0 to 1
     * @return new options
     * @throws IllegalArgumentException if {@code iou} is outside 0 to 1
     */
    public DetectionOptions withNmsIou(double iou) {
        return new DetectionOptions(minScore, iou, minFacePx, maxFaces);
    }

    /**
     * These options with another smallest face.
     *
     * @param pixels the longer side of the smallest box kept, in photo pixels, 1 or more
     * @return new options
     * @throws IllegalArgumentException if {@code pixels} is below 1
     */
    public DetectionOptions withMinFacePx(int pixels) {
        return new DetectionOptions(minScore, nmsIou, pixels, maxFaces);
    }

    /**
     * These options with another face limit.
     *
     * @param faces most faces kept per photo, 0 for all
     * @return new options
     * @throws IllegalArgumentException if {@code faces} is negative
     */
    public DetectionOptions withMaxFaces(int faces) {
        return new DetectionOptions(minScore, nmsIou, minFacePx, faces);
    }
}

package dev.faceembed.detect;

import dev.faceembed.spi.TensorRun;

/**
 * Everything one detection needs, made once and lent to one thread at a time by {@link FaceDetector}: the two
 * models' runs (their input and output memory), the resampler's tables, the candidate lists and scratch rows.
 */
final class DetectionWorkspace implements AutoCloseable {
    final TensorRun detectorRun;
    final TensorRun landmarkRun;
    final Resampler resampler = new Resampler();
    final Candidates viewCandidates = new Candidates();
    final Candidates found = new Candidates();
    final float[] row = new float[DetectorModel.VIEW_WIDTH];
    final float[] five = new float[2 * Landmarks.COUNT];

    DetectionWorkspace(TensorRun detectorRun, TensorRun landmarkRun) {
        this.detectorRun = detectorRun;
        this.landmarkRun = landmarkRun;
    }

    @Override
    public void close() {
        detectorRun.close();
        landmarkRun.close();
    }
}

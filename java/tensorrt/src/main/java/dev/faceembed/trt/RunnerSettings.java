package dev.faceembed.trt;

import dev.faceembed.model.Preprocessing;

/**
 * How one runner is created.
 *
 * @param streams       CUDA streams (with their buffer sets)
 * @param cudaGraphs    replay captured CUDA graphs
 * @param spinWait      spin instead of sleeping while the GPU works
 * @param profileLayers record per-layer timings (turns graphs off)
 * @param preprocessing how uint8 crops become the model's float planes
 */
record RunnerSettings(int streams, boolean cudaGraphs, boolean spinWait, boolean profileLayers,
                      Preprocessing preprocessing) {
    static RunnerSettings of(TensorRtOptions.Runners runners, Preprocessing preprocessing) {
        return new RunnerSettings(runners.streams(), runners.cudaGraphs() && runners.layerProfile() == null,
                runners.spinWait(), runners.layerProfile() != null, preprocessing);
    }
}

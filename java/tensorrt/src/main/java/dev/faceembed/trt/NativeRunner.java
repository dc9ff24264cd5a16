package dev.faceembed.trt;

import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FeCheck;
import dev.faceembed.bindings.trt.FePreprocess;
import dev.faceembed.bindings.trt.FeRunnerInfo;
import dev.faceembed.bindings.trt.FeRunnerOptions;
import dev.faceembed.model.Preprocessing;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.faceembed.bindings.trt.FaceembedTrt.C_POINTER;

/**
 * One {@code fe_runner}: streams, device buffers and execution contexts for one caller at a time. The shim splits a
 * call into chunks of at most the engine's batch, runs each on the profile that fits it, and overlaps the chunks over
 * its streams. It is warmed up when created (a run per profile, uint8 and float32), so the first call pays for no
 * lazy initialisation.
 */
final class NativeRunner implements EngineRuntime.Runner {
    private final MemorySegment runner;

    NativeRunner(MemorySegment engine, RunnerSettings settings) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment options = arena.allocate(FeRunnerOptions.LAYOUT);
            FeRunnerOptions.init(options);
            FeRunnerOptions.setStreams(options, settings.streams());
            FeRunnerOptions.setCudaGraphs(options, settings.cudaGraphs());
            FeRunnerOptions.setSpinWait(options, settings.spinWait());
            FeRunnerOptions.setProfileLayers(options, settings.profileLayers());
            FeRunnerOptions.setWarmupLayouts(options, FaceembedTrt.FE_WARMUP_UINT8_HWC_RGB
                    | FaceembedTrt.FE_WARMUP_FLOAT32_NCHW);
            MemorySegment preprocess = arena.allocate(FePreprocess.LAYOUT);
            Preprocessing p = settings.preprocessing();
            for (int plane = 0; plane < 3; plane++) {
                FePreprocess.setPlane(preprocess, plane, p.channelOrder().rgbChannelOfPlane(plane),
                        p.mean().get(plane).floatValue(), p.std().get(plane).floatValue());
            }
            MemorySegment out = arena.allocate(C_POINTER);
            FeCheck.check(FaceembedTrt.fe_runner_create(engine, options, preprocess, out), "fe_runner_create");
            runner = out.get(C_POINTER, 0);
        }
    }

    @Override
    public void run(MemorySegment input, int layout, int count, int height, int width, MemorySegment output) {
        FeCheck.check(FaceembedTrt.fe_runner_run(runner, input, layout, count, height, width, output),
                "fe_runner_run");
    }

    @Override
    public String describe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(FeRunnerInfo.LAYOUT);
            FeCheck.check(FaceembedTrt.fe_runner_describe(runner, info), "fe_runner_describe");
            MemorySegment text = arena.allocate(C_POINTER);
            FeCheck.check(FaceembedTrt.fe_runner_diagnostics(runner, text), "fe_runner_diagnostics");
            return "cuda_graphs=" + FeRunnerInfo.cudaGraphs(info) + " graphs_captured="
                    + FeRunnerInfo.graphsCaptured(info) + " device_bytes=" + FeRunnerInfo.deviceBytes(info)
                    + " pinned_bytes=" + FeRunnerInfo.pinnedBytes(info) + "\n" + text.get(C_POINTER, 0).getString(0);
        }
    }

    @Override
    public String layerProfileJson() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(C_POINTER);
            FeCheck.check(FaceembedTrt.fe_runner_profile_json(runner, 0, text), "fe_runner_profile_json");
            return text.get(C_POINTER, 0).getString(0);
        }
    }

    @Override
    public void close() {
        FaceembedTrt.fe_runner_release(runner);
    }
}

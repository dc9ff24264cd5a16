package dev.faceembed.trt;

import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FeBuildOptions;
import dev.faceembed.bindings.trt.FeCheck;
import dev.faceembed.bindings.trt.FeProfile;
import dev.faceembed.cache.BatchProfile;
import dev.faceembed.cache.BuildInfo;
import dev.faceembed.cache.EngineBuilder;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.model.LoadedModel;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static dev.faceembed.bindings.trt.FaceembedTrt.C_POINTER;
import static dev.faceembed.bindings.trt.FaceembedTrt.C_SIZE_T;

/**
 * Builds an engine with the shim ({@code fe_engine_build}) from everything in its key (precision, TF32, profiles,
 * workspace, optimisation level, hardware compatibility) and writes the plan straight from the shim's memory to the
 * cache's file. A bundled model is written to a temporary ONNX file first, since TensorRT's parser reads files.
 */
final class ShimEngineBuilder implements EngineBuilder {
    private final LoadedModel model;
    private final int device;
    private final String cudaVersion;
    private final Path timingCache;

    ShimEngineBuilder(LoadedModel model, int device, String cudaVersion, Path timingCache) {
        this.model = model;
        this.device = device;
        this.cudaVersion = cudaVersion;
        this.timingCache = timingCache;
    }

    @Override
    public BuildInfo build(EngineKey key, Path planFile) throws IOException {
        Path onnx = model.file();
        Path temporary = null;
        if (onnx == null) {
            temporary = Files.createTempFile("faceembed-" + key.safeModelName(), ".onnx");
            Files.write(temporary, model.bytes());
            onnx = temporary;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment options = options(arena, key);
            MemorySegment planOut = arena.allocate(C_POINTER);
            MemorySegment sizeOut = arena.allocate(C_SIZE_T);
            FeCheck.check(FaceembedTrt.fe_engine_build(arena.allocateFrom(onnx.toString()), options, planOut, sizeOut),
                    "fe_engine_build");
            MemorySegment plan = planOut.get(C_POINTER, 0).reinterpret(sizeOut.get(C_SIZE_T, 0));
            try (FileChannel channel = FileChannel.open(planFile, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                var buffer = plan.asByteBuffer();
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            } finally {
                FaceembedTrt.fe_plan_free(plan);
            }
            return new BuildInfo(cudaVersion);
        } finally {
            if (temporary != null) {
                Files.deleteIfExists(temporary);
            }
        }
    }

    private MemorySegment options(Arena arena, EngineKey key) {
        MemorySegment options = arena.allocate(FeBuildOptions.LAYOUT);
        FeBuildOptions.init(options);
        FeBuildOptions.setDevice(options, device);
        FeBuildOptions.setPrecision(options, switch (key.precision()) {
            case FP32 -> FaceembedTrt.FE_PRECISION_FP32;
            case FP16 -> FaceembedTrt.FE_PRECISION_FP16;
            case INT8 -> FaceembedTrt.FE_PRECISION_INT8;
        });
        FeBuildOptions.setTf32(options, key.tf32());
        FeBuildOptions.setHardwareCompatibility(options, key.target().isHardwareCompatible()
                ? FaceembedTrt.FE_HARDWARE_COMPAT_SAME_COMPUTE_CAPABILITY : FaceembedTrt.FE_HARDWARE_COMPAT_NONE);
        FeBuildOptions.setOptimizationLevel(options, key.optimizationLevel());
        FeBuildOptions.setWorkspaceBytes(options, key.workspaceBytes());
        List<BatchProfile> profiles = key.profiles();
        MemorySegment array = arena.allocate(FeProfile.LAYOUT, profiles.size());
        for (int i = 0; i < profiles.size(); i++) {
            FeProfile.set(array, i, profiles.get(i).min(), profiles.get(i).opt(), profiles.get(i).max());
        }
        FeBuildOptions.setProfiles(options, array, profiles.size());
        FeBuildOptions.setTimingCachePath(options, timingCache == null ? MemorySegment.NULL
                : arena.allocateFrom(timingCache.toString()));
        return options;
    }
}

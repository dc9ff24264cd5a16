package dev.faceembed.trt;

import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FeBuildOptions;
import dev.faceembed.bindings.trt.FeCheck;
import dev.faceembed.cache.BuildInfo;
import dev.faceembed.cache.EngineBuilder;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.cache.Precision;
import dev.faceembed.model.LoadedModel;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.faceembed.bindings.trt.FaceembedTrt.C_POINTER;
import static dev.faceembed.bindings.trt.FaceembedTrt.C_SIZE_T;

/**
 * Builds an engine with the shim ({@code fe_engine_build}) and writes the plan straight from the shim's memory to
 * the cache's file. A bundled model is written to a temporary ONNX file first, since TensorRT's parser reads files.
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
            MemorySegment options = arena.allocate(FeBuildOptions.LAYOUT);
            FeBuildOptions.set(options, device, key.precision() == Precision.FP16 ? FaceembedTrt.FE_PRECISION_FP16
                            : FaceembedTrt.FE_PRECISION_FP32, key.minBatch(), key.optBatch(), key.maxBatch(),
                    key.workspaceBytes(), timingCache == null ? MemorySegment.NULL
                            : arena.allocateFrom(timingCache.toString()));
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
}

package dev.faceembed.trt;

import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FeCheck;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.faceembed.bindings.trt.FaceembedTrt.C_POINTER;

/**
 * One {@code fe_runner}: device buffers, execution contexts and CUDA streams for one caller at a time. The shim's
 * runner splits a call into chunks of at most the engine's batch size and overlaps them over its streams.
 */
final class ShimRunner implements AutoCloseable {
    private final MemorySegment runner;

    ShimRunner(MemorySegment engine, int maxBatch, int streams, MemorySegment preprocess) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(C_POINTER);
            FeCheck.check(FaceembedTrt.fe_runner_create(engine, maxBatch, streams, preprocess, out),
                    "fe_runner_create");
            runner = out.get(C_POINTER, 0);
        }
    }

    void run(MemorySegment input, int layout, int count, int height, int width, MemorySegment output) {
        FeCheck.check(FaceembedTrt.fe_runner_run(runner, input, layout, count, height, width, output),
                "fe_runner_run");
    }

    @Override
    public void close() {
        FaceembedTrt.fe_runner_release(runner);
    }
}

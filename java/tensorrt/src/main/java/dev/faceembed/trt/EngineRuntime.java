package dev.faceembed.trt;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * What the tensorrt backend asks of the native shim: loading engines, and page-locked memory. {@link ShimRuntime}
 * is the shim; tests stand in for it where the JVM side is what they check (no GPU needed).
 */
interface EngineRuntime {

    /**
     * Deserialises a plan onto a CUDA device.
     *
     * @throws dev.faceembed.bindings.trt.FeException with {@code TENSORRT} status when TensorRT refuses the plan
     *                                                (another version, GPU or a damaged file), or another status
     *                                                when the device cannot hold it
     */
    LoadedEngine load(Path plan, int device);

    /**
     * Free memory of a device in MiB. It creates that device's CUDA context, so it is asked only of the device a
     * backend runs on.
     */
    long freeMemoryMb(int device);

    /** Page-locked host memory on {@code device}, freed when {@code owner} closes. */
    MemorySegment allocatePinned(int device, long bytes, Arena owner);

    /** A loaded engine; creates runners, and is released with {@link #close()} after its runners. */
    interface LoadedEngine extends AutoCloseable {
        EngineShape shape();

        /** A runner: streams, device buffers and execution contexts, for one caller at a time. */
        Runner newRunner(RunnerSettings settings);

        @Override
        void close();
    }

    /** Runs calls on an engine, one caller at a time. */
    interface Runner extends AutoCloseable {

        /**
         * Embeds {@code count} crops of {@code input} into {@code output}, L2-normalised.
         *
         * @throws dev.faceembed.bindings.trt.FeException with {@code INVALID_ARGUMENT} for non-finite float input
         */
        void run(MemorySegment input, int layout, int count, int height, int width, MemorySegment output);

        /** What the runner reports of itself (CUDA graphs in use or why not, memory), one line per fact. */
        String describe();

        /** Its per-layer timings as JSON, when created with {@code profileLayers}. */
        String layerProfileJson();

        @Override
        void close();
    }
}

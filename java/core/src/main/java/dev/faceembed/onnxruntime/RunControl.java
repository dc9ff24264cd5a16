package dev.faceembed.onnxruntime;

import dev.faceembed.bindings.ort.OrtApi;
import dev.faceembed.bindings.ort.OrtStatus;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import static dev.faceembed.bindings.ort.OrtApi.C_POINTER;

/**
 * What every {@code Run} of one reusable run state shares, whatever the model: its run options (so that
 * {@link #terminate()} can stop it from another thread) and the floating-point environment buffers that put FTZ/DAZ
 * on the calling thread for the duration of the run only. Allocated once, in the owner's arena; no allocation per
 * run. Used by one thread at a time, except {@link #terminate()}.
 */
final class RunControl {
    private final MemorySegment runOptions;
    private final MemorySegment savedFenv;
    private final MemorySegment flushedFenv;
    private final boolean flushDenormals;

    /**
     * @param arena          where the options and buffers live, closed by the owner
     * @param flushDenormals whether runs flush denormals on the calling thread (where the platform can)
     * @throws dev.faceembed.bindings.ort.OrtException if ONNX Runtime cannot create the run options
     */
    RunControl(Arena arena, boolean flushDenormals) {
        MemorySegment out = arena.allocate(C_POINTER);
        OrtStatus.check(OrtApi.CreateRunOptions(out));
        runOptions = out.get(C_POINTER, 0).reinterpret(arena, OrtApi::ReleaseRunOptions);
        this.flushDenormals = flushDenormals && FloatingPointEnvironment.SUPPORTED;
        savedFenv = FloatingPointEnvironment.allocate(arena);
        flushedFenv = FloatingPointEnvironment.allocate(arena);
    }

    /** The run options to pass to {@code Run}. */
    MemorySegment options() {
        return runOptions;
    }

    /** Before a {@code Run}: keeps the caller's floating-point environment and flushes denormals when asked. */
    void enter() {
        if (flushDenormals) {
            FloatingPointEnvironment.save(savedFenv);
            FloatingPointEnvironment.flushDenormals(savedFenv, flushedFenv);
        }
    }

    /** After a {@code Run}, in a {@code finally}: gives the caller its floating-point environment back. */
    void exit() {
        if (flushDenormals) {
            FloatingPointEnvironment.restore(savedFenv);
        }
    }

    /** Asks a run in progress (from any thread) to stop as soon as it can. */
    void terminate() {
        OrtStatus.check(OrtApi.RunOptionsSetTerminate(runOptions));
    }
}

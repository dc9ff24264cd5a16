package dev.faceembed.onnxruntime;

import dev.faceembed.bindings.fenv.Fenv;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Saves, changes and restores the calling thread's floating-point environment around ONNX Runtime calls.
 *
 * <p>Two reasons: {@code Run} is several times faster on models with denormal weights when the calling thread
 * flushes denormals (ONNX Runtime only sets that on its own pool threads), and ONNX Runtime switches FTZ/DAZ on for
 * good on whichever thread creates the first session of the process, which would silently change Java's float
 * arithmetic on a caller's thread. Where glibc's x86-64 {@code fenv_t} is not available this does nothing.
 */
final class FloatingPointEnvironment {
    static final boolean SUPPORTED = Fenv.isSupported();

    private FloatingPointEnvironment() {
    }

    /** A buffer for one saved environment (empty where unsupported). */
    static MemorySegment allocate(Arena arena) {
        return SUPPORTED ? arena.allocate(Fenv.FENV_T_SIZE, 16) : MemorySegment.NULL;
    }

    static void save(MemorySegment saved) {
        if (SUPPORTED) {
            Fenv.fegetenv(saved);
        }
    }

    /** Turns FTZ/DAZ on, starting from the environment in {@code saved}, using {@code scratch}. */
    static void flushDenormals(MemorySegment saved, MemorySegment scratch) {
        if (SUPPORTED) {
            MemorySegment.copy(saved, 0, scratch, 0, Fenv.FENV_T_SIZE);
            int mxcsr = saved.get(ValueLayout.JAVA_INT, Fenv.MXCSR_OFFSET);
            scratch.set(ValueLayout.JAVA_INT, Fenv.MXCSR_OFFSET, mxcsr | Fenv.MXCSR_FTZ_DAZ);
            Fenv.fesetenv(scratch);
        }
    }

    static void restore(MemorySegment saved) {
        if (SUPPORTED) {
            Fenv.fesetenv(saved);
        }
    }
}

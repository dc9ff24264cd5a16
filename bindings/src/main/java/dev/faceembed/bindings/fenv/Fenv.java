package dev.faceembed.bindings.fenv;

import dev.faceembed.bindings.loader.Platform;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * The floating-point environment functions of glibc's {@code <fenv.h>} on x86-64, used to run ONNX Runtime with
 * denormals flushed on the calling thread.
 *
 * <p>Why: ONNX Runtime's {@code session.set_denormal_as_zero} sets FTZ/DAZ only on its own pool threads and on the
 * thread that created the first session of the process; the thread that calls {@code Run} computes its share of
 * every operator too. {@code fegetenv} saves the calling thread's environment, {@code fesetenv} of a copy with the
 * FTZ and DAZ bits of {@code __mxcsr} set turns flushing on (glibc installs {@code __mxcsr} from the given
 * environment), and {@code fesetenv} of the saved copy restores the JVM's IEEE environment afterwards.
 *
 * <p>The {@code fenv_t} layout used here is glibc's on x86-64; {@link #isSupported()} is false everywhere else and no
 * function here may then be called.
 */
public final class Fenv {
    /** {@code sizeof(fenv_t)} on x86-64 glibc: the x87 environment (28 bytes) then {@code unsigned int __mxcsr}. */
    public static final long FENV_T_SIZE = 32;
    /** Offset of {@code __mxcsr} in {@code fenv_t} on x86-64 glibc. */
    public static final long MXCSR_OFFSET = 28;
    /** MXCSR bits for flush-to-zero (15) and denormals-are-zero (6). */
    public static final int MXCSR_FTZ_DAZ = 0x8040;

    private static final Optional<SymbolLookup> LIBM = findLibm();

    private Fenv() {
    }

    /** True on x86-64 Linux with glibc, the only place this binding's constants are valid. */
    public static boolean isSupported() {
        return LIBM.isPresent();
    }

    private static Optional<SymbolLookup> findLibm() {
        if (!Platform.current().isLinuxX86_64()) {
            return Optional.empty();
        }
        SymbolLookup lookup = Linker.nativeLinker().defaultLookup();
        boolean glibc = lookup.find("gnu_get_libc_version").isPresent();
        boolean hasFenv = lookup.find("fegetenv").isPresent() && lookup.find("fesetenv").isPresent();
        return glibc && hasFenv ? Optional.of(lookup) : Optional.empty();
    }

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment function = LIBM.orElseThrow(() -> new UnsupportedOperationException(
                "fenv: FTZ/DAZ control needs glibc on x86-64; this is " + Platform.current())).find(name).orElseThrow();
        return Linker.nativeLinker().downcallHandle(function, descriptor);
    }

    private static final class fegetenv {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS);
        static final MethodHandle HANDLE = downcall("fegetenv", DESC);
    }

    /**
     * {@snippet lang = c:
     * int fegetenv(fenv_t *envp)
     *}
     */
    public static int fegetenv(MemorySegment envp) {
        var mh$ = fegetenv.HANDLE;
        try {
            return (int) mh$.invokeExact(envp);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fesetenv {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS);
        static final MethodHandle HANDLE = downcall("fesetenv", DESC);
    }

    /**
     * {@snippet lang = c:
     * int fesetenv(const fenv_t *envp)
     *}
     */
    public static int fesetenv(MemorySegment envp) {
        var mh$ = fesetenv.HANDLE;
        try {
            return (int) mh$.invokeExact(envp);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}

package dev.faceembed.onnxruntime;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.bindings.ort.OnnxRuntimeLibrary;
import dev.faceembed.bindings.ort.OrtApi;
import dev.faceembed.bindings.ort.OrtStatus;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import static dev.faceembed.bindings.ort.OrtApi.C_POINTER;

/**
 * The process-wide ONNX Runtime state: one {@code OrtEnv} (ONNX Runtime allows one per process and shares its thread
 * pools and logging through it), the default allocator and a CPU memory description. Created on first use and kept
 * for the life of the process, as ONNX Runtime intends.
 */
final class OnnxRuntimeEnvironment {
    /** System property for ONNX Runtime's own log level: 0 verbose, 1 info, 2 warning, 3 error (default), 4 fatal. */
    static final String LOG_LEVEL_PROPERTY = "faceembed.onnxruntime.log_level";

    private final MemorySegment env;
    private final MemorySegment allocator;
    private final MemorySegment cpuMemoryInfo;
    private final OnnxRuntimeLibrary library;

    private OnnxRuntimeEnvironment(OnnxRuntimeLibrary library) {
        this.library = library;
        Arena global = Arena.global();
        MemorySegment out = global.allocate(C_POINTER);
        int level = Integer.getInteger(LOG_LEVEL_PROPERTY, OrtApi.ORT_LOGGING_LEVEL_ERROR);
        OrtStatus.check(OrtApi.CreateEnv(level, global.allocateFrom("faceembed"), out));
        env = out.get(C_POINTER, 0);
        OrtStatus.check(OrtApi.GetAllocatorWithDefaultOptions(out));
        allocator = out.get(C_POINTER, 0);
        OrtStatus.check(OrtApi.CreateCpuMemoryInfo(OrtApi.OrtArenaAllocator, OrtApi.OrtMemTypeDefault, out));
        cpuMemoryInfo = out.get(C_POINTER, 0);
    }

    /**
     * The environment, created on first call.
     *
     * @throws BackendUnavailableException if libonnxruntime cannot be loaded (the message says what was tried)
     */
    static OnnxRuntimeEnvironment get() {
        if (!OnnxRuntimeLibrary.isAvailable()) {
            Throwable cause = OnnxRuntimeLibrary.unavailabilityCause().orElseThrow();
            throw new BackendUnavailableException(cause.getMessage(), cause);
        }
        return Holder.INSTANCE;
    }

    /** True if libonnxruntime is loadable; never throws. */
    static boolean isAvailable() {
        return OnnxRuntimeLibrary.isAvailable();
    }

    /** Why libonnxruntime is not loadable, or an empty string when it is. */
    static String unavailabilityReason() {
        return OnnxRuntimeLibrary.unavailabilityCause().map(Throwable::getMessage).orElse("");
    }

    MemorySegment env() {
        return env;
    }

    MemorySegment allocator() {
        return allocator;
    }

    MemorySegment cpuMemoryInfo() {
        return cpuMemoryInfo;
    }

    /** The library's version string, e.g. {@code 1.23.2}. */
    String version() {
        return library.version();
    }

    /** The loaded file and how it was found. */
    String libraryLocation() {
        return library.location() + " (" + library.origin() + ")";
    }

    /** The loaded file. */
    String libraryPath() {
        return library.location();
    }

    /** How the loaded file was found. */
    String libraryOrigin() {
        return library.origin();
    }

    /** Execution providers compiled into the loaded library, e.g. {@code [CPUExecutionProvider]}. */
    List<String> availableProviders() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment listOut = arena.allocate(C_POINTER);
            MemorySegment lengthOut = arena.allocate(ValueLayout.JAVA_INT);
            OrtStatus.check(OrtApi.GetAvailableProviders(listOut, lengthOut));
            int length = lengthOut.get(ValueLayout.JAVA_INT, 0);
            MemorySegment list = listOut.get(C_POINTER, 0);
            List<String> providers = new ArrayList<>(length);
            try {
                for (int i = 0; i < length; i++) {
                    providers.add(list.getAtIndex(C_POINTER, i).getString(0));
                }
            } finally {
                OrtStatus.check(OrtApi.ReleaseAvailableProviders(list, length));
            }
            return List.copyOf(providers);
        }
    }

    /** ONNX Runtime's build description (git commit, build options). */
    String buildInfo() {
        return OrtApi.GetBuildInfoString().getString(0);
    }

    private static final class Holder {
        static final OnnxRuntimeEnvironment INSTANCE = new OnnxRuntimeEnvironment(OnnxRuntimeLibrary.get());
    }
}

package dev.faceembed.onnxruntime;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.bindings.ort.OnnxRuntimeLibrary;
import dev.faceembed.bindings.ort.OrtApi;
import dev.faceembed.bindings.ort.OrtStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.faceembed.bindings.ort.OrtApi.C_POINTER;

/**
 * The process-wide ONNX Runtime state: one {@code OrtEnv} (ONNX Runtime allows one per process and shares its thread
 * pools and logging through it), the default allocator and a CPU memory description. Created on first use and kept
 * for the life of the process, as ONNX Runtime intends.
 */
final class OnnxRuntimeEnvironment {
    /** System property for ONNX Runtime's own log level: 0 verbose, 1 info, 2 warning (default), 3 error, 4 fatal. */
    static final String LOG_LEVEL_PROPERTY = "faceembed.onnxruntime.log_level";
    /** Where ONNX Runtime's own log lines go, instead of its coloured lines on the process's stderr. */
    private static final Logger ORT_LOG = LoggerFactory.getLogger("onnxruntime");

    private final MemorySegment env;
    private final MemorySegment allocator;
    private final MemorySegment cpuMemoryInfo;
    private final OnnxRuntimeLibrary library;

    private OnnxRuntimeEnvironment(OnnxRuntimeLibrary library) {
        this.library = library;
        Arena global = Arena.global();
        MemorySegment out = global.allocate(C_POINTER);
        int level = Integer.getInteger(LOG_LEVEL_PROPERTY, OrtApi.ORT_LOGGING_LEVEL_WARNING);
        OrtStatus.check(OrtApi.CreateEnvWithCustomLogger(loggingFunction(global), MemorySegment.NULL, level,
                global.allocateFrom("faceembed"), out));
        env = out.get(C_POINTER, 0);
        OrtStatus.check(OrtApi.GetAllocatorWithDefaultOptions(out));
        allocator = out.get(C_POINTER, 0);
        OrtStatus.check(OrtApi.CreateCpuMemoryInfo(OrtApi.OrtArenaAllocator, OrtApi.OrtMemTypeDefault, out));
        cpuMemoryInfo = out.get(C_POINTER, 0);
    }

    /**
     * ONNX Runtime's log lines through SLF4J (logger {@code onnxruntime}). Its errors accompany a failure that
     * faceembed reports itself with more context, so they are warnings here; its warnings are mostly notes about graph
     * rewrites, so they are debug lines.
     */
    private static MemorySegment loggingFunction(Arena global) {
        try {
            MethodHandle log = MethodHandles.lookup().findStatic(OnnxRuntimeEnvironment.class, "log",
                    MethodType.methodType(void.class, MemorySegment.class, int.class, MemorySegment.class,
                            MemorySegment.class, MemorySegment.class, MemorySegment.class));
            return Linker.nativeLinker().upcallStub(log, OrtApi.LOGGING_FUNCTION, global);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the logging upcall is declared in this class", e);
        }
    }

    /** Called by ONNX Runtime on any of its threads; nothing may be thrown back into native code. */
    private static void log(MemorySegment param, int severity, MemorySegment category, MemorySegment logid,
                            MemorySegment location, MemorySegment message) {
        try {
            String text = message.getString(0) + " (" + location.getString(0) + ")";
            switch (severity) {
                case 0, 1 -> ORT_LOG.trace(text);
                case 2 -> ORT_LOG.debug(text);
                default -> ORT_LOG.warn(text);
            }
        } catch (Throwable t) {
            // A log line lost is better than a JVM stopped by an exception crossing into native code.
        }
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
        return library.summary();
    }

    /** The loaded file and how it was found, as separate fields. */
    Map<String, Object> libraryDescription() {
        return library.describe();
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

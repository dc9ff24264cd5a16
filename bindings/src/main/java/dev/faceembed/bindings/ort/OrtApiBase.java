package dev.faceembed.bindings.ort;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static dev.faceembed.bindings.ort.OrtApi.C_INT;
import static dev.faceembed.bindings.ort.OrtApi.C_POINTER;

/**
 * The entry point of the C API and the two function pointers of
 * {@code struct OrtApiBase { const OrtApi* (*GetApi)(uint32_t); const char* (*GetVersionString)(void); }}.
 * Used once, by {@link OnnxRuntimeLibrary}, before the {@link OrtApi} table exists.
 */
public final class OrtApiBase {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor GET_API_BASE = FunctionDescriptor.of(C_POINTER);
    private static final FunctionDescriptor GET_API = FunctionDescriptor.of(C_POINTER, C_INT);
    private static final FunctionDescriptor GET_VERSION_STRING = FunctionDescriptor.of(C_POINTER);

    /** Slot of {@code GetApi} in {@code OrtApiBase}. */
    static final int GET_API_SLOT = 0;
    /** Slot of {@code GetVersionString} in {@code OrtApiBase}. */
    static final int GET_VERSION_STRING_SLOT = 1;

    private OrtApiBase() {
    }

    /**
     * {@snippet lang = c:
     * const OrtApiBase* OrtGetApiBase(void)
     *}
     */
    public static MemorySegment OrtGetApiBase(MemorySegment function) {
        MethodHandle mh = LINKER.downcallHandle(function, GET_API_BASE);
        try {
            return ((MemorySegment) mh.invokeExact()).reinterpret(2L * C_POINTER.byteSize());
        } catch (Throwable t) {
            throw new AssertionError("should not reach here", t);
        }
    }

    /**
     * {@snippet lang = c:
     * const OrtApi* (*GetApi)(uint32_t version)
     *}
     */
    public static MemorySegment GetApi(MemorySegment apiBase, int version) {
        MethodHandle mh = LINKER.downcallHandle(apiBase.getAtIndex(C_POINTER, GET_API_SLOT), GET_API);
        try {
            return (MemorySegment) mh.invokeExact(version);
        } catch (Throwable t) {
            throw new AssertionError("should not reach here", t);
        }
    }

    /**
     * {@snippet lang = c:
     * const char* (*GetVersionString)(void)
     *}
     */
    public static String GetVersionString(MemorySegment apiBase) {
        MethodHandle mh = LINKER.downcallHandle(apiBase.getAtIndex(C_POINTER, GET_VERSION_STRING_SLOT),
                GET_VERSION_STRING);
        try {
            return ((MemorySegment) mh.invokeExact()).getString(0);
        } catch (Throwable t) {
            throw new AssertionError("should not reach here", t);
        }
    }
}

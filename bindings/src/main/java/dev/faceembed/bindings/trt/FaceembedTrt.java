package dev.faceembed.bindings.trt;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * FFM bindings of {@code native/include/faceembed_trt.h}, the C ABI of faceembed's CUDA/TensorRT shim, in the shape
 * jextract generates: one lazily initialised holder class per function with a {@code static final} downcall handle,
 * called with {@code invokeExact}, the C signature in each method's Javadoc. {@code FaceembedTrtHeaderTest} keeps
 * this class in step with the header (every function, its arity and types; every constant; every struct's size and
 * offsets).
 *
 * <p>The first call of any function loads the library ({@link FaceembedTrtLibrary#get()}); callers check
 * availability first.
 */
public final class FaceembedTrt {
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_SIZE_T = ValueLayout.JAVA_LONG;
    /** A pointer; returned pointers can be read (C strings) without a further {@code reinterpret}. */
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

    /** {@code FE_ABI_VERSION}. */
    public static final int FE_ABI_VERSION = 2;
    /** {@code FE_FEATURE_CUDA}. */
    public static final int FE_FEATURE_CUDA = 1;
    /** {@code FE_FEATURE_TENSORRT}. */
    public static final int FE_FEATURE_TENSORRT = 2;
    /** {@code FE_LAYOUT_UINT8_HWC_RGB}. */
    public static final int FE_LAYOUT_UINT8_HWC_RGB = 0;
    /** {@code FE_LAYOUT_FLOAT32_NCHW}. */
    public static final int FE_LAYOUT_FLOAT32_NCHW = 1;
    /** {@code FE_PRECISION_FP32}. */
    public static final int FE_PRECISION_FP32 = 0;
    /** {@code FE_PRECISION_FP16}. */
    public static final int FE_PRECISION_FP16 = 1;
    /** {@code FE_PRECISION_INT8}. */
    public static final int FE_PRECISION_INT8 = 2;
    /** {@code FE_HARDWARE_COMPAT_NONE}. */
    public static final int FE_HARDWARE_COMPAT_NONE = 0;
    /** {@code FE_HARDWARE_COMPAT_SAME_COMPUTE_CAPABILITY}. */
    public static final int FE_HARDWARE_COMPAT_SAME_COMPUTE_CAPABILITY = 1;
    /** {@code FE_MAX_PROFILES}. */
    public static final int FE_MAX_PROFILES = 8;
    /** {@code FE_WARMUP_UINT8_HWC_RGB}. */
    public static final int FE_WARMUP_UINT8_HWC_RGB = 1;
    /** {@code FE_WARMUP_FLOAT32_NCHW}. */
    public static final int FE_WARMUP_FLOAT32_NCHW = 2;

    private FaceembedTrt() {
    }

    static MethodHandle downcall(String name, FunctionDescriptor descriptor) {
        MemorySegment function = FaceembedTrtLibrary.get().lookup().find(name).orElseThrow(
                () -> new UnsatisfiedLinkError(name + " is missing from " + FaceembedTrtLibrary.get().location()));
        return Linker.nativeLinker().downcallHandle(function, descriptor);
    }

    private static final class fe_abi_version {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT);
        static final MethodHandle HANDLE = downcall("fe_abi_version", DESC);
    }

    /**
     * {@snippet lang = c:
     * uint32_t fe_abi_version(void)
     *}
     */
    public static int fe_abi_version() {
        var mh$ = fe_abi_version.HANDLE;
        try {
            return (int) mh$.invokeExact();
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_last_error {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_last_error", DESC);
    }

    /**
     * {@snippet lang = c:
     * const char* fe_last_error(void)
     *}
     */
    public static MemorySegment fe_last_error() {
        var mh$ = fe_last_error.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact();
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_build_features {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT);
        static final MethodHandle HANDLE = downcall("fe_build_features", DESC);
    }

    /**
     * {@snippet lang = c:
     * uint32_t fe_build_features(void)
     *}
     */
    public static int fe_build_features() {
        var mh$ = fe_build_features.HANDLE;
        try {
            return (int) mh$.invokeExact();
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_build_info {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_build_info", DESC);
    }

    /**
     * {@snippet lang = c:
     * const char* fe_build_info(void)
     *}
     */
    public static MemorySegment fe_build_info() {
        var mh$ = fe_build_info.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact();
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_cuda_driver_version {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_cuda_driver_version", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_cuda_driver_version(int32_t* out)
     *}
     */
    public static int fe_cuda_driver_version(MemorySegment out) {
        var mh$ = fe_cuda_driver_version.HANDLE;
        try {
            return (int) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_cuda_runtime_version {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_cuda_runtime_version", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_cuda_runtime_version(int32_t* out)
     *}
     */
    public static int fe_cuda_runtime_version(MemorySegment out) {
        var mh$ = fe_cuda_runtime_version.HANDLE;
        try {
            return (int) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_device_count {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_device_count", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_device_count(int32_t* out)
     *}
     */
    public static int fe_device_count(MemorySegment out) {
        var mh$ = fe_device_count.HANDLE;
        try {
            return (int) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_device_info_get {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_device_info_get", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_device_info_get(int32_t device, fe_device_info* out)
     *}
     */
    public static int fe_device_info_get(int device, MemorySegment out) {
        var mh$ = fe_device_info_get.HANDLE;
        try {
            return (int) mh$.invokeExact(device, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_device_memory_get {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_device_memory_get", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_device_memory_get(int32_t device, uint64_t* free_bytes, uint64_t* total_bytes)
     *}
     */
    public static int fe_device_memory_get(int device, MemorySegment freeBytes, MemorySegment totalBytes) {
        var mh$ = fe_device_memory_get.HANDLE;
        try {
            return (int) mh$.invokeExact(device, freeBytes, totalBytes);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_host_alloc {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_INT, C_SIZE_T, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_host_alloc", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_host_alloc(int32_t device, size_t bytes, void** out)
     *}
     */
    public static int fe_host_alloc(int device, long bytes, MemorySegment out) {
        var mh$ = fe_host_alloc.HANDLE;
        try {
            return (int) mh$.invokeExact(device, bytes, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_host_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_host_free", DESC);
    }

    /**
     * {@snippet lang = c:
     * void fe_host_free(void* p)
     *}
     */
    public static void fe_host_free(MemorySegment p) {
        var mh$ = fe_host_free.HANDLE;
        try {
            mh$.invokeExact(p);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_tensorrt_load {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_tensorrt_load", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_tensorrt_load(const char* nvinfer_path, const char* onnxparser_path)
     *}
     */
    public static int fe_tensorrt_load(MemorySegment nvinferPath, MemorySegment onnxparserPath) {
        var mh$ = fe_tensorrt_load.HANDLE;
        try {
            return (int) mh$.invokeExact(nvinferPath, onnxparserPath);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_tensorrt_version {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_tensorrt_version", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_tensorrt_version(int32_t* out)
     *}
     */
    public static int fe_tensorrt_version(MemorySegment out) {
        var mh$ = fe_tensorrt_version.HANDLE;
        try {
            return (int) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_tensorrt_versions_get {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_tensorrt_versions_get", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_tensorrt_versions_get(fe_tensorrt_versions* out)
     *}
     */
    public static int fe_tensorrt_versions_get(MemorySegment out) {
        var mh$ = fe_tensorrt_versions_get.HANDLE;
        try {
            return (int) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_tensorrt_libraries {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_tensorrt_libraries", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_tensorrt_libraries(const char** out)
     *}
     */
    public static int fe_tensorrt_libraries(MemorySegment out) {
        var mh$ = fe_tensorrt_libraries.HANDLE;
        try {
            return (int) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_tensorrt_load_plugins {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT);
        static final MethodHandle HANDLE = downcall("fe_tensorrt_load_plugins", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_tensorrt_load_plugins(const char* const* paths, int32_t count)
     *}
     */
    public static int fe_tensorrt_load_plugins(MemorySegment paths, int count) {
        var mh$ = fe_tensorrt_load_plugins.HANDLE;
        try {
            return (int) mh$.invokeExact(paths, count);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_engine_build {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_engine_build", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_engine_build(const char* onnx_path, const fe_build_options* options, void** plan_out, size_t* plan_size_out)
     *}
     */
    public static int fe_engine_build(MemorySegment onnxPath, MemorySegment options, MemorySegment planOut, MemorySegment planSizeOut) {
        var mh$ = fe_engine_build.HANDLE;
        try {
            return (int) mh$.invokeExact(onnxPath, options, planOut, planSizeOut);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_plan_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_plan_free", DESC);
    }

    /**
     * {@snippet lang = c:
     * void fe_plan_free(void* plan)
     *}
     */
    public static void fe_plan_free(MemorySegment plan) {
        var mh$ = fe_plan_free.HANDLE;
        try {
            mh$.invokeExact(plan);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_engine_load {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_SIZE_T, C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_engine_load", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_engine_load(const void* plan, size_t plan_size, int32_t device, fe_engine** out)
     *}
     */
    public static int fe_engine_load(MemorySegment plan, long planSize, int device, MemorySegment out) {
        var mh$ = fe_engine_load.HANDLE;
        try {
            return (int) mh$.invokeExact(plan, planSize, device, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_engine_release {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_engine_release", DESC);
    }

    /**
     * {@snippet lang = c:
     * void fe_engine_release(fe_engine* engine)
     *}
     */
    public static void fe_engine_release(MemorySegment engine) {
        var mh$ = fe_engine_release.HANDLE;
        try {
            mh$.invokeExact(engine);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_engine_describe {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_engine_describe", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_engine_describe(const fe_engine* engine, fe_engine_io* out)
     *}
     */
    public static int fe_engine_describe(MemorySegment engine, MemorySegment out) {
        var mh$ = fe_engine_describe.HANDLE;
        try {
            return (int) mh$.invokeExact(engine, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_runner_create {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_runner_create", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_runner_create(fe_engine* engine, const fe_runner_options* options, const fe_preprocess* preprocess, fe_runner** out)
     *}
     */
    public static int fe_runner_create(MemorySegment engine, MemorySegment options, MemorySegment preprocess, MemorySegment out) {
        var mh$ = fe_runner_create.HANDLE;
        try {
            return (int) mh$.invokeExact(engine, options, preprocess, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_runner_release {
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_runner_release", DESC);
    }

    /**
     * {@snippet lang = c:
     * void fe_runner_release(fe_runner* runner)
     *}
     */
    public static void fe_runner_release(MemorySegment runner) {
        var mh$ = fe_runner_release.HANDLE;
        try {
            mh$.invokeExact(runner);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_runner_run {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER, C_INT, C_INT, C_INT, C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_runner_run", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_runner_run(fe_runner* runner, const void* input, int32_t layout, int32_t count, int32_t height, int32_t width, float* output)
     *}
     */
    public static int fe_runner_run(MemorySegment runner, MemorySegment input, int layout, int count, int height, int width, MemorySegment output) {
        var mh$ = fe_runner_run.HANDLE;
        try {
            return (int) mh$.invokeExact(runner, input, layout, count, height, width, output);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_runner_describe {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_runner_describe", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_runner_describe(const fe_runner* runner, fe_runner_info* out)
     *}
     */
    public static int fe_runner_describe(MemorySegment runner, MemorySegment out) {
        var mh$ = fe_runner_describe.HANDLE;
        try {
            return (int) mh$.invokeExact(runner, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_runner_diagnostics {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_runner_diagnostics", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_runner_diagnostics(fe_runner* runner, const char** out)
     *}
     */
    public static int fe_runner_diagnostics(MemorySegment runner, MemorySegment out) {
        var mh$ = fe_runner_diagnostics.HANDLE;
        try {
            return (int) mh$.invokeExact(runner, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_runner_last_timing {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_runner_last_timing", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_runner_last_timing(const fe_runner* runner, fe_run_timing* out)
     *}
     */
    public static int fe_runner_last_timing(MemorySegment runner, MemorySegment out) {
        var mh$ = fe_runner_last_timing.HANDLE;
        try {
            return (int) mh$.invokeExact(runner, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_runner_profile_json {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_runner_profile_json", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_runner_profile_json(fe_runner* runner, int32_t reset, const char** out)
     *}
     */
    public static int fe_runner_profile_json(MemorySegment runner, int reset, MemorySegment out) {
        var mh$ = fe_runner_profile_json.HANDLE;
        try {
            return (int) mh$.invokeExact(runner, reset, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_preprocess_reference {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT, C_INT, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall("fe_preprocess_reference", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_preprocess_reference(const uint8_t* input, int32_t count, int32_t height, int32_t width, const fe_preprocess* preprocess, float* output)
     *}
     */
    public static int fe_preprocess_reference(MemorySegment input, int count, int height, int width, MemorySegment preprocess, MemorySegment output) {
        var mh$ = fe_preprocess_reference.HANDLE;
        try {
            return (int) mh$.invokeExact(input, count, height, width, preprocess, output);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class fe_l2_normalize_reference {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER, C_INT, C_INT);
        static final MethodHandle HANDLE = downcall("fe_l2_normalize_reference", DESC);
    }

    /**
     * {@snippet lang = c:
     * fe_status fe_l2_normalize_reference(float* data, int32_t rows, int32_t dim)
     *}
     */
    public static int fe_l2_normalize_reference(MemorySegment data, int rows, int dim) {
        var mh$ = fe_l2_normalize_reference.HANDLE;
        try {
            return (int) mh$.invokeExact(data, rows, dim);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}

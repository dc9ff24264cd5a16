package dev.faceembed.bindings.ort;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The ONNX Runtime C API function table ({@code struct OrtApi} of {@code onnxruntime_c_api.h}, API version
 * {@value OnnxRuntimeLibrary#API_VERSION}), bound with java.lang.foreign in the shape jextract generates: one lazily
 * initialised holder class per function with a {@code static final} downcall handle, called with
 * {@code invokeExact}, the C signature in each method's Javadoc.
 *
 * <p>Written by hand (see bindings/README.md): each holder names its 0-based slot in the table, as listed in the
 * ONNX Runtime 1.23 header. Only the functions faceembed calls are bound; every one of them is exercised by
 * {@code OrtApiTest}. The first call of any function loads the library ({@link OnnxRuntimeLibrary#get()}), so callers
 * check availability first.
 */
@SuppressWarnings("unused")
public final class OrtApi {
    public static final ValueLayout.OfInt C_INT = ValueLayout.JAVA_INT;
    public static final ValueLayout.OfLong C_SIZE_T = ValueLayout.JAVA_LONG;
    /** A pointer; returned pointers can be read (C strings) without a further {@code reinterpret}. */
    public static final AddressLayout C_POINTER = ValueLayout.ADDRESS
            .withTargetLayout(MemoryLayout.sequenceLayout(Long.MAX_VALUE, ValueLayout.JAVA_BYTE));

    /** {@code ORT_LOGGING_LEVEL_WARNING} of {@code OrtLoggingLevel}. */
    public static final int ORT_LOGGING_LEVEL_WARNING = 2;
    /** {@code ORT_LOGGING_LEVEL_ERROR} of {@code OrtLoggingLevel}. */
    public static final int ORT_LOGGING_LEVEL_ERROR = 3;
    /** {@code ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT}. */
    public static final int ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT = 1;
    /** {@code ORT_SEQUENTIAL} of {@code ExecutionMode}. */
    public static final int ORT_SEQUENTIAL = 0;
    /** {@code ORT_PARALLEL} of {@code ExecutionMode}. */
    public static final int ORT_PARALLEL = 1;
    /** {@code ORT_DISABLE_ALL} of {@code GraphOptimizationLevel}. */
    public static final int ORT_DISABLE_ALL = 0;
    /** {@code ORT_ENABLE_BASIC} of {@code GraphOptimizationLevel}. */
    public static final int ORT_ENABLE_BASIC = 1;
    /** {@code ORT_ENABLE_EXTENDED} of {@code GraphOptimizationLevel}. */
    public static final int ORT_ENABLE_EXTENDED = 2;
    /** {@code ORT_ENABLE_LAYOUT} of {@code GraphOptimizationLevel}. */
    public static final int ORT_ENABLE_LAYOUT = 3;
    /** {@code ORT_ENABLE_ALL} of {@code GraphOptimizationLevel}. */
    public static final int ORT_ENABLE_ALL = 99;
    /** {@code OrtArenaAllocator} of {@code OrtAllocatorType}. */
    public static final int OrtArenaAllocator = 1;
    /** {@code OrtMemTypeDefault} of {@code OrtMemType}. */
    public static final int OrtMemTypeDefault = 0;

    private OrtApi() {
    }

    static MethodHandle downcall(int slot, FunctionDescriptor descriptor) {
        MemorySegment function = OnnxRuntimeLibrary.get().api().getAtIndex(ValueLayout.ADDRESS, slot);
        if (function.address() == 0L) {
            throw new IllegalStateException("OrtApi slot " + slot + " is NULL in this ONNX Runtime build");
        }
        return Linker.nativeLinker().downcallHandle(function, descriptor);
    }

    private static final class CreateStatus {
        static final int SLOT = 0;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 0.
     * {@snippet lang = c:
     * OrtStatus* CreateStatus(OrtErrorCode code, const char* msg)
     *}
     */
    public static MemorySegment CreateStatus(int code, MemorySegment msg) {
        var mh$ = CreateStatus.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(code, msg);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetErrorCode {
        static final int SLOT = 1;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 1.
     * {@snippet lang = c:
     * OrtErrorCode GetErrorCode(const OrtStatus* status)
     *}
     */
    public static int GetErrorCode(MemorySegment status) {
        var mh$ = GetErrorCode.HANDLE;
        try {
            return (int) mh$.invokeExact(status);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetErrorMessage {
        static final int SLOT = 2;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 2.
     * {@snippet lang = c:
     * const char* GetErrorMessage(const OrtStatus* status)
     *}
     */
    public static MemorySegment GetErrorMessage(MemorySegment status) {
        var mh$ = GetErrorMessage.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(status);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CreateEnv {
        static final int SLOT = 3;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_INT, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 3.
     * {@snippet lang = c:
     * OrtStatus* CreateEnv(OrtLoggingLevel log_severity_level, const char* logid, OrtEnv** out)
     *}
     */
    public static MemorySegment CreateEnv(int logSeverityLevel, MemorySegment logid, MemorySegment out) {
        var mh$ = CreateEnv.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(logSeverityLevel, logid, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CreateEnvWithCustomLogger {
        static final int SLOT = 4;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_INT,
                C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 4. {@code logging_function} is an upcall stub of {@link #LOGGING_FUNCTION}.
     * {@snippet lang = c:
     * OrtStatus* CreateEnvWithCustomLogger(OrtLoggingFunction logging_function, void* logger_param,
     *                                      OrtLoggingLevel log_severity_level, const char* logid, OrtEnv** out)
     *}
     */
    public static MemorySegment CreateEnvWithCustomLogger(MemorySegment loggingFunction, MemorySegment loggerParam,
                                                          int logSeverityLevel, MemorySegment logid,
                                                          MemorySegment out) {
        var mh$ = CreateEnvWithCustomLogger.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(loggingFunction, loggerParam, logSeverityLevel, logid, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    /**
     * The shape of {@code OrtLoggingFunction}, for upcall stubs.
     * {@snippet lang = c:
     * typedef void (*OrtLoggingFunction)(void* param, OrtLoggingLevel severity, const char* category,
     *                                    const char* logid, const char* code_location, const char* message);
     *}
     */
    public static final FunctionDescriptor LOGGING_FUNCTION = FunctionDescriptor.ofVoid(C_POINTER, C_INT, C_POINTER,
            C_POINTER, C_POINTER, C_POINTER);

    private static final class CreateSession {
        static final int SLOT = 7;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 7.
     * {@snippet lang = c:
     * OrtStatus* CreateSession(const OrtEnv* env, const ORTCHAR_T* model_path, const OrtSessionOptions* options, OrtSession** out)
     *}
     */
    public static MemorySegment CreateSession(MemorySegment env, MemorySegment modelPath, MemorySegment options, MemorySegment out) {
        var mh$ = CreateSession.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(env, modelPath, options, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CreateSessionFromArray {
        static final int SLOT = 8;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_SIZE_T, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 8.
     * {@snippet lang = c:
     * OrtStatus* CreateSessionFromArray(const OrtEnv* env, const void* model_data, size_t model_data_length, const OrtSessionOptions* options, OrtSession** out)
     *}
     */
    public static MemorySegment CreateSessionFromArray(MemorySegment env, MemorySegment modelData, long modelDataLength, MemorySegment options, MemorySegment out) {
        var mh$ = CreateSessionFromArray.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(env, modelData, modelDataLength, options, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class Run {
        static final int SLOT = 9;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_SIZE_T, C_POINTER, C_SIZE_T, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 9.
     * {@snippet lang = c:
     * OrtStatus* Run(OrtSession* session, const OrtRunOptions* run_options, const char* const* input_names, const OrtValue* const* inputs, size_t input_len, const char* const* output_names, size_t output_names_len, OrtValue** outputs)
     *}
     */
    public static MemorySegment Run(MemorySegment session, MemorySegment runOptions, MemorySegment inputNames, MemorySegment inputs, long inputLen, MemorySegment outputNames, long outputNamesLen, MemorySegment outputs) {
        var mh$ = Run.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(session, runOptions, inputNames, inputs, inputLen, outputNames, outputNamesLen, outputs);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CreateSessionOptions {
        static final int SLOT = 10;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 10.
     * {@snippet lang = c:
     * OrtStatus* CreateSessionOptions(OrtSessionOptions** options)
     *}
     */
    public static MemorySegment CreateSessionOptions(MemorySegment options) {
        var mh$ = CreateSessionOptions.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(options);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SetSessionExecutionMode {
        static final int SLOT = 13;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 13.
     * {@snippet lang = c:
     * OrtStatus* SetSessionExecutionMode(OrtSessionOptions* options, ExecutionMode execution_mode)
     *}
     */
    public static MemorySegment SetSessionExecutionMode(MemorySegment options, int executionMode) {
        var mh$ = SetSessionExecutionMode.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(options, executionMode);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SetSessionGraphOptimizationLevel {
        static final int SLOT = 23;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 23.
     * {@snippet lang = c:
     * OrtStatus* SetSessionGraphOptimizationLevel(OrtSessionOptions* options, GraphOptimizationLevel graph_optimization_level)
     *}
     */
    public static MemorySegment SetSessionGraphOptimizationLevel(MemorySegment options, int graphOptimizationLevel) {
        var mh$ = SetSessionGraphOptimizationLevel.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(options, graphOptimizationLevel);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SetIntraOpNumThreads {
        static final int SLOT = 24;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 24.
     * {@snippet lang = c:
     * OrtStatus* SetIntraOpNumThreads(OrtSessionOptions* options, int intra_op_num_threads)
     *}
     */
    public static MemorySegment SetIntraOpNumThreads(MemorySegment options, int intraOpNumThreads) {
        var mh$ = SetIntraOpNumThreads.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(options, intraOpNumThreads);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SetInterOpNumThreads {
        static final int SLOT = 25;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 25.
     * {@snippet lang = c:
     * OrtStatus* SetInterOpNumThreads(OrtSessionOptions* options, int inter_op_num_threads)
     *}
     */
    public static MemorySegment SetInterOpNumThreads(MemorySegment options, int interOpNumThreads) {
        var mh$ = SetInterOpNumThreads.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(options, interOpNumThreads);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SessionGetInputCount {
        static final int SLOT = 30;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 30.
     * {@snippet lang = c:
     * OrtStatus* SessionGetInputCount(const OrtSession* session, size_t* out)
     *}
     */
    public static MemorySegment SessionGetInputCount(MemorySegment session, MemorySegment out) {
        var mh$ = SessionGetInputCount.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(session, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SessionGetOutputCount {
        static final int SLOT = 31;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 31.
     * {@snippet lang = c:
     * OrtStatus* SessionGetOutputCount(const OrtSession* session, size_t* out)
     *}
     */
    public static MemorySegment SessionGetOutputCount(MemorySegment session, MemorySegment out) {
        var mh$ = SessionGetOutputCount.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(session, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SessionGetInputTypeInfo {
        static final int SLOT = 33;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_SIZE_T, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 33.
     * {@snippet lang = c:
     * OrtStatus* SessionGetInputTypeInfo(const OrtSession* session, size_t index, OrtTypeInfo** type_info)
     *}
     */
    public static MemorySegment SessionGetInputTypeInfo(MemorySegment session, long index, MemorySegment typeInfo) {
        var mh$ = SessionGetInputTypeInfo.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(session, index, typeInfo);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SessionGetOutputTypeInfo {
        static final int SLOT = 34;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_SIZE_T, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 34.
     * {@snippet lang = c:
     * OrtStatus* SessionGetOutputTypeInfo(const OrtSession* session, size_t index, OrtTypeInfo** type_info)
     *}
     */
    public static MemorySegment SessionGetOutputTypeInfo(MemorySegment session, long index, MemorySegment typeInfo) {
        var mh$ = SessionGetOutputTypeInfo.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(session, index, typeInfo);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SessionGetInputName {
        static final int SLOT = 36;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_SIZE_T, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 36.
     * {@snippet lang = c:
     * OrtStatus* SessionGetInputName(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value)
     *}
     */
    public static MemorySegment SessionGetInputName(MemorySegment session, long index, MemorySegment allocator, MemorySegment value) {
        var mh$ = SessionGetInputName.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(session, index, allocator, value);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SessionGetOutputName {
        static final int SLOT = 37;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_SIZE_T, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 37.
     * {@snippet lang = c:
     * OrtStatus* SessionGetOutputName(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value)
     *}
     */
    public static MemorySegment SessionGetOutputName(MemorySegment session, long index, MemorySegment allocator, MemorySegment value) {
        var mh$ = SessionGetOutputName.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(session, index, allocator, value);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CreateRunOptions {
        static final int SLOT = 39;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 39.
     * {@snippet lang = c:
     * OrtStatus* CreateRunOptions(OrtRunOptions** out)
     *}
     */
    public static MemorySegment CreateRunOptions(MemorySegment out) {
        var mh$ = CreateRunOptions.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class RunOptionsSetTerminate {
        static final int SLOT = 46;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 46.
     * {@snippet lang = c:
     * OrtStatus* RunOptionsSetTerminate(OrtRunOptions* options)
     *}
     */
    public static MemorySegment RunOptionsSetTerminate(MemorySegment options) {
        var mh$ = RunOptionsSetTerminate.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(options);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CreateTensorWithDataAsOrtValue {
        static final int SLOT = 49;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_SIZE_T, C_POINTER, C_SIZE_T, C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 49.
     * {@snippet lang = c:
     * OrtStatus* CreateTensorWithDataAsOrtValue(const OrtMemoryInfo* info, void* p_data, size_t p_data_len, const int64_t* shape, size_t shape_len, ONNXTensorElementDataType type, OrtValue** out)
     *}
     */
    public static MemorySegment CreateTensorWithDataAsOrtValue(MemorySegment info, MemorySegment pData, long pDataLen, MemorySegment shape, long shapeLen, int type, MemorySegment out) {
        var mh$ = CreateTensorWithDataAsOrtValue.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(info, pData, pDataLen, shape, shapeLen, type, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CastTypeInfoToTensorInfo {
        static final int SLOT = 55;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 55.
     * {@snippet lang = c:
     * OrtStatus* CastTypeInfoToTensorInfo(const OrtTypeInfo* type_info, const OrtTensorTypeAndShapeInfo** out)
     *}
     */
    public static MemorySegment CastTypeInfoToTensorInfo(MemorySegment typeInfo, MemorySegment out) {
        var mh$ = CastTypeInfoToTensorInfo.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(typeInfo, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetTensorElementType {
        static final int SLOT = 60;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 60.
     * {@snippet lang = c:
     * OrtStatus* GetTensorElementType(const OrtTensorTypeAndShapeInfo* info, ONNXTensorElementDataType* out)
     *}
     */
    public static MemorySegment GetTensorElementType(MemorySegment info, MemorySegment out) {
        var mh$ = GetTensorElementType.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(info, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetDimensionsCount {
        static final int SLOT = 61;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 61.
     * {@snippet lang = c:
     * OrtStatus* GetDimensionsCount(const OrtTensorTypeAndShapeInfo* info, size_t* out)
     *}
     */
    public static MemorySegment GetDimensionsCount(MemorySegment info, MemorySegment out) {
        var mh$ = GetDimensionsCount.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(info, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetDimensions {
        static final int SLOT = 62;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_SIZE_T);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 62.
     * {@snippet lang = c:
     * OrtStatus* GetDimensions(const OrtTensorTypeAndShapeInfo* info, int64_t* dim_values, size_t dim_values_length)
     *}
     */
    public static MemorySegment GetDimensions(MemorySegment info, MemorySegment dimValues, long dimValuesLength) {
        var mh$ = GetDimensions.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(info, dimValues, dimValuesLength);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetSymbolicDimensions {
        static final int SLOT = 63;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_SIZE_T);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 63.
     * {@snippet lang = c:
     * OrtStatus* GetSymbolicDimensions(const OrtTensorTypeAndShapeInfo* info, const char* dim_params[], size_t dim_params_length)
     *}
     */
    public static MemorySegment GetSymbolicDimensions(MemorySegment info, MemorySegment dimParams, long dimParamsLength) {
        var mh$ = GetSymbolicDimensions.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(info, dimParams, dimParamsLength);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CreateCpuMemoryInfo {
        static final int SLOT = 69;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_INT, C_INT, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 69.
     * {@snippet lang = c:
     * OrtStatus* CreateCpuMemoryInfo(OrtAllocatorType type, OrtMemType mem_type, OrtMemoryInfo** out)
     *}
     */
    public static MemorySegment CreateCpuMemoryInfo(int type, int memType, MemorySegment out) {
        var mh$ = CreateCpuMemoryInfo.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(type, memType, out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class AllocatorFree {
        static final int SLOT = 76;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 76.
     * {@snippet lang = c:
     * OrtStatus* AllocatorFree(OrtAllocator* ort_allocator, void* p)
     *}
     */
    public static MemorySegment AllocatorFree(MemorySegment allocator, MemorySegment p) {
        var mh$ = AllocatorFree.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(allocator, p);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetAllocatorWithDefaultOptions {
        static final int SLOT = 78;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 78.
     * {@snippet lang = c:
     * OrtStatus* GetAllocatorWithDefaultOptions(OrtAllocator** out)
     *}
     */
    public static MemorySegment GetAllocatorWithDefaultOptions(MemorySegment out) {
        var mh$ = GetAllocatorWithDefaultOptions.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseEnv {
        static final int SLOT = 92;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 92.
     * {@snippet lang = c:
     * void ReleaseEnv(OrtEnv* input)
     *}
     */
    public static void ReleaseEnv(MemorySegment input) {
        var mh$ = ReleaseEnv.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseStatus {
        static final int SLOT = 93;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 93.
     * {@snippet lang = c:
     * void ReleaseStatus(OrtStatus* input)
     *}
     */
    public static void ReleaseStatus(MemorySegment input) {
        var mh$ = ReleaseStatus.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseMemoryInfo {
        static final int SLOT = 94;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 94.
     * {@snippet lang = c:
     * void ReleaseMemoryInfo(OrtMemoryInfo* input)
     *}
     */
    public static void ReleaseMemoryInfo(MemorySegment input) {
        var mh$ = ReleaseMemoryInfo.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseSession {
        static final int SLOT = 95;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 95.
     * {@snippet lang = c:
     * void ReleaseSession(OrtSession* input)
     *}
     */
    public static void ReleaseSession(MemorySegment input) {
        var mh$ = ReleaseSession.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseValue {
        static final int SLOT = 96;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 96.
     * {@snippet lang = c:
     * void ReleaseValue(OrtValue* input)
     *}
     */
    public static void ReleaseValue(MemorySegment input) {
        var mh$ = ReleaseValue.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseRunOptions {
        static final int SLOT = 97;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 97.
     * {@snippet lang = c:
     * void ReleaseRunOptions(OrtRunOptions* input)
     *}
     */
    public static void ReleaseRunOptions(MemorySegment input) {
        var mh$ = ReleaseRunOptions.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseTypeInfo {
        static final int SLOT = 98;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 98.
     * {@snippet lang = c:
     * void ReleaseTypeInfo(OrtTypeInfo* input)
     *}
     */
    public static void ReleaseTypeInfo(MemorySegment input) {
        var mh$ = ReleaseTypeInfo.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseSessionOptions {
        static final int SLOT = 100;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 100.
     * {@snippet lang = c:
     * void ReleaseSessionOptions(OrtSessionOptions* input)
     *}
     */
    public static void ReleaseSessionOptions(MemorySegment input) {
        var mh$ = ReleaseSessionOptions.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetAvailableProviders {
        static final int SLOT = 125;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 125.
     * {@snippet lang = c:
     * OrtStatus* GetAvailableProviders(char*** out_ptr, int* provider_length)
     *}
     */
    public static MemorySegment GetAvailableProviders(MemorySegment outPtr, MemorySegment providerLength) {
        var mh$ = GetAvailableProviders.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(outPtr, providerLength);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseAvailableProviders {
        static final int SLOT = 126;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_INT);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 126.
     * {@snippet lang = c:
     * OrtStatus* ReleaseAvailableProviders(char** ptr, int providers_length)
     *}
     */
    public static MemorySegment ReleaseAvailableProviders(MemorySegment ptr, int providersLength) {
        var mh$ = ReleaseAvailableProviders.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(ptr, providersLength);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class AddSessionConfigEntry {
        static final int SLOT = 130;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 130.
     * {@snippet lang = c:
     * OrtStatus* AddSessionConfigEntry(OrtSessionOptions* options, const char* config_key, const char* config_value)
     *}
     */
    public static MemorySegment AddSessionConfigEntry(MemorySegment options, MemorySegment configKey, MemorySegment configValue) {
        var mh$ = AddSessionConfigEntry.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(options, configKey, configValue);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetBuildInfoString {
        static final int SLOT = 254;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 254.
     * {@snippet lang = c:
     * const char* GetBuildInfoString(void)
     *}
     */
    public static MemorySegment GetBuildInfoString() {
        var mh$ = GetBuildInfoString.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact();
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
    private static final class SessionOptionsAppendExecutionProvider_TensorRT_V2 {
        static final int SLOT = 170;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 170.
     * {@snippet lang = c:
     * OrtStatus* SessionOptionsAppendExecutionProvider_TensorRT_V2(OrtSessionOptions* options, const OrtTensorRTProviderOptionsV2* tensorrt_options)
     *}
     */
    public static MemorySegment SessionOptionsAppendExecutionProvider_TensorRT_V2(MemorySegment options, MemorySegment tensorrtOptions) {
        var mh$ = SessionOptionsAppendExecutionProvider_TensorRT_V2.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(options, tensorrtOptions);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CreateTensorRTProviderOptions {
        static final int SLOT = 171;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 171.
     * {@snippet lang = c:
     * OrtStatus* CreateTensorRTProviderOptions(OrtTensorRTProviderOptionsV2** out)
     *}
     */
    public static MemorySegment CreateTensorRTProviderOptions(MemorySegment out) {
        var mh$ = CreateTensorRTProviderOptions.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class UpdateTensorRTProviderOptions {
        static final int SLOT = 172;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_SIZE_T);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 172.
     * {@snippet lang = c:
     * OrtStatus* UpdateTensorRTProviderOptions(OrtTensorRTProviderOptionsV2* tensorrt_options, const char* const* provider_options_keys, const char* const* provider_options_values, size_t num_keys)
     *}
     */
    public static MemorySegment UpdateTensorRTProviderOptions(MemorySegment tensorrtOptions, MemorySegment keys, MemorySegment values, long numKeys) {
        var mh$ = UpdateTensorRTProviderOptions.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(tensorrtOptions, keys, values, numKeys);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetTensorRTProviderOptionsAsString {
        static final int SLOT = 173;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 173.
     * {@snippet lang = c:
     * OrtStatus* GetTensorRTProviderOptionsAsString(const OrtTensorRTProviderOptionsV2* tensorrt_options, OrtAllocator* allocator, char** ptr)
     *}
     */
    public static MemorySegment GetTensorRTProviderOptionsAsString(MemorySegment tensorrtOptions, MemorySegment allocator, MemorySegment ptr) {
        var mh$ = GetTensorRTProviderOptionsAsString.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(tensorrtOptions, allocator, ptr);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseTensorRTProviderOptions {
        static final int SLOT = 174;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 174.
     * {@snippet lang = c:
     * void ReleaseTensorRTProviderOptions(OrtTensorRTProviderOptionsV2* input)
     *}
     */
    public static void ReleaseTensorRTProviderOptions(MemorySegment input) {
        var mh$ = ReleaseTensorRTProviderOptions.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class SessionOptionsAppendExecutionProvider_CUDA_V2 {
        static final int SLOT = 204;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 204.
     * {@snippet lang = c:
     * OrtStatus* SessionOptionsAppendExecutionProvider_CUDA_V2(OrtSessionOptions* options, const OrtCUDAProviderOptionsV2* cuda_options)
     *}
     */
    public static MemorySegment SessionOptionsAppendExecutionProvider_CUDA_V2(MemorySegment options, MemorySegment cudaOptions) {
        var mh$ = SessionOptionsAppendExecutionProvider_CUDA_V2.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(options, cudaOptions);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class CreateCUDAProviderOptions {
        static final int SLOT = 205;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 205.
     * {@snippet lang = c:
     * OrtStatus* CreateCUDAProviderOptions(OrtCUDAProviderOptionsV2** out)
     *}
     */
    public static MemorySegment CreateCUDAProviderOptions(MemorySegment out) {
        var mh$ = CreateCUDAProviderOptions.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(out);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class UpdateCUDAProviderOptions {
        static final int SLOT = 206;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER, C_SIZE_T);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 206.
     * {@snippet lang = c:
     * OrtStatus* UpdateCUDAProviderOptions(OrtCUDAProviderOptionsV2* cuda_options, const char* const* provider_options_keys, const char* const* provider_options_values, size_t num_keys)
     *}
     */
    public static MemorySegment UpdateCUDAProviderOptions(MemorySegment cudaOptions, MemorySegment keys, MemorySegment values, long numKeys) {
        var mh$ = UpdateCUDAProviderOptions.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(cudaOptions, keys, values, numKeys);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class GetCUDAProviderOptionsAsString {
        static final int SLOT = 207;
        static final FunctionDescriptor DESC = FunctionDescriptor.of(C_POINTER, C_POINTER, C_POINTER, C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 207.
     * {@snippet lang = c:
     * OrtStatus* GetCUDAProviderOptionsAsString(const OrtCUDAProviderOptionsV2* cuda_options, OrtAllocator* allocator, char** ptr)
     *}
     */
    public static MemorySegment GetCUDAProviderOptionsAsString(MemorySegment cudaOptions, MemorySegment allocator, MemorySegment ptr) {
        var mh$ = GetCUDAProviderOptionsAsString.HANDLE;
        try {
            return (MemorySegment) mh$.invokeExact(cudaOptions, allocator, ptr);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }

    private static final class ReleaseCUDAProviderOptions {
        static final int SLOT = 208;
        static final FunctionDescriptor DESC = FunctionDescriptor.ofVoid(C_POINTER);
        static final MethodHandle HANDLE = downcall(SLOT, DESC);
    }

    /**
     * Slot 208.
     * {@snippet lang = c:
     * void ReleaseCUDAProviderOptions(OrtCUDAProviderOptionsV2* input)
     *}
     */
    public static void ReleaseCUDAProviderOptions(MemorySegment input) {
        var mh$ = ReleaseCUDAProviderOptions.HANDLE;
        try {
            mh$.invokeExact(input);
        } catch (Throwable ex$) {
            throw new AssertionError("should not reach here", ex$);
        }
    }
}

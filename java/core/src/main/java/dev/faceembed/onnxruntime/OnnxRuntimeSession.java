package dev.faceembed.onnxruntime;

import dev.faceembed.ModelException;
import dev.faceembed.bindings.ort.OrtApi;
import dev.faceembed.bindings.ort.OrtErrorCode;
import dev.faceembed.bindings.ort.OrtException;
import dev.faceembed.bindings.ort.OrtStatus;
import dev.faceembed.model.LoadedModel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.faceembed.bindings.ort.OrtApi.C_POINTER;
import static dev.faceembed.bindings.ort.OrtApi.C_SIZE_T;

/**
 * An {@code OnnxRuntimeSession} and the description of its inputs and outputs. The native session lives in a shared arena:
 * closing the session closes the arena, which releases it.
 */
final class OnnxRuntimeSession implements AutoCloseable {
    /** Session config key that makes ONNX Runtime's threads flush denormals. */
    static final String DENORMAL_AS_ZERO = "session.set_denormal_as_zero";

    /** Sessions opened and not yet closed in this process, so that leaks are countable. */
    private static final AtomicInteger LIVE = new AtomicInteger();

    private final Arena arena;
    private final MemorySegment handle;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;

    private OnnxRuntimeSession(Arena arena, MemorySegment handle, List<TensorSpec> inputs, List<TensorSpec> outputs) {
        this.arena = arena;
        this.handle = handle;
        this.inputs = inputs;
        this.outputs = outputs;
    }

    static OnnxRuntimeSession open(LoadedModel model, OnnxRuntimeOptions settings, int deviceId) {
        OnnxRuntimeEnvironment environment = OnnxRuntimeEnvironment.get();
        Arena arena = Arena.ofShared();
        boolean success = false;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment options = sessionOptions(call, settings, deviceId);
            MemorySegment out = call.allocate(C_POINTER);
            MemorySegment callerEnvironment = FloatingPointEnvironment.allocate(call);
            FloatingPointEnvironment.save(callerEnvironment);
            try {
                if (model.file() != null) {
                    OrtStatus.check(OrtApi.CreateSession(environment.env(),
                            call.allocateFrom(model.file().toString()), options, out));
                } else {
                    MemorySegment bytes = call.allocateFrom(ValueLayout.JAVA_BYTE, model.bytes());
                    OrtStatus.check(OrtApi.CreateSessionFromArray(environment.env(), bytes, bytes.byteSize(),
                            options, out));
                }
            } catch (OrtException e) {
                throw new ModelException(describeLoadFailure(model, e), e);
            } finally {
                // The first session of the process switches FTZ/DAZ on for the creating thread, for good.
                FloatingPointEnvironment.restore(callerEnvironment);
                OrtApi.ReleaseSessionOptions(options);
            }
            MemorySegment handle = out.get(C_POINTER, 0).reinterpret(arena, OrtApi::ReleaseSession);
            OnnxRuntimeSession session = new OnnxRuntimeSession(arena, handle, describe(call, handle, true, environment),
                    describe(call, handle, false, environment));
            LIVE.incrementAndGet();
            success = true;
            return session;
        } finally {
            if (!success) {
                arena.close();
            }
        }
    }

    private static String describeLoadFailure(LoadedModel model, OrtException e) {
        String what = e.code() == OrtErrorCode.INVALID_PROTOBUF || e.code() == OrtErrorCode.NO_MODEL
                ? " is not a valid ONNX model"
                : " cannot be loaded by ONNX Runtime";
        return "model " + model.location() + what + " (" + e.getMessage() + ")";
    }

    private static MemorySegment sessionOptions(Arena call, OnnxRuntimeOptions settings, int deviceId) {
        MemorySegment out = call.allocate(C_POINTER);
        OrtStatus.check(OrtApi.CreateSessionOptions(out));
        MemorySegment options = out.get(C_POINTER, 0);
        try {
            OrtStatus.check(OrtApi.SetIntraOpNumThreads(options, settings.intraOpThreads()));
            OrtStatus.check(OrtApi.SetInterOpNumThreads(options, settings.interOpThreads()));
            OrtStatus.check(OrtApi.SetSessionGraphOptimizationLevel(options, settings.optimization().value()));
            OrtStatus.check(OrtApi.SetSessionExecutionMode(options,
                    settings.parallelExecution() ? OrtApi.ORT_PARALLEL : OrtApi.ORT_SEQUENTIAL));
            OrtStatus.check(OrtApi.AddSessionConfigEntry(options, call.allocateFrom(DENORMAL_AS_ZERO),
                    call.allocateFrom(settings.flushDenormals() ? "1" : "0")));
            ExecutionProviders.append(call, options, settings, deviceId);
            return options;
        } catch (RuntimeException e) {
            OrtApi.ReleaseSessionOptions(options);
            throw e;
        }
    }

    private static List<TensorSpec> describe(Arena call, MemorySegment session, boolean input,
                                             OnnxRuntimeEnvironment environment) {
        MemorySegment count = call.allocate(C_SIZE_T);
        OrtStatus.check(input ? OrtApi.SessionGetInputCount(session, count)
                : OrtApi.SessionGetOutputCount(session, count));
        List<TensorSpec> specs = new ArrayList<>();
        MemorySegment out = call.allocate(C_POINTER);
        for (long i = 0; i < count.get(C_SIZE_T, 0); i++) {
            OrtStatus.check(input ? OrtApi.SessionGetInputName(session, i, environment.allocator(), out)
                    : OrtApi.SessionGetOutputName(session, i, environment.allocator(), out));
            MemorySegment namePointer = out.get(C_POINTER, 0);
            String name = namePointer.getString(0);
            OrtStatus.check(OrtApi.AllocatorFree(environment.allocator(), namePointer));

            OrtStatus.check(input ? OrtApi.SessionGetInputTypeInfo(session, i, out)
                    : OrtApi.SessionGetOutputTypeInfo(session, i, out));
            MemorySegment typeInfo = out.get(C_POINTER, 0);
            try {
                specs.add(tensorSpec(call, name, typeInfo));
            } finally {
                OrtApi.ReleaseTypeInfo(typeInfo);
            }
        }
        return List.copyOf(specs);
    }

    private static TensorSpec tensorSpec(Arena call, String name, MemorySegment typeInfo) {
        MemorySegment out = call.allocate(C_POINTER);
        OrtStatus.check(OrtApi.CastTypeInfoToTensorInfo(typeInfo, out));
        MemorySegment tensor = out.get(C_POINTER, 0);
        if (tensor.address() == 0L) {
            return new TensorSpec(name, -1, List.of(), List.of());
        }
        MemorySegment type = call.allocate(ValueLayout.JAVA_INT);
        OrtStatus.check(OrtApi.GetTensorElementType(tensor, type));
        MemorySegment rankOut = call.allocate(C_SIZE_T);
        OrtStatus.check(OrtApi.GetDimensionsCount(tensor, rankOut));
        long rank = rankOut.get(C_SIZE_T, 0);
        MemorySegment dims = call.allocate(ValueLayout.JAVA_LONG, Math.max(1, rank));
        OrtStatus.check(OrtApi.GetDimensions(tensor, dims, rank));
        MemorySegment symbols = call.allocate(C_POINTER, Math.max(1, rank));
        OrtStatus.check(OrtApi.GetSymbolicDimensions(tensor, symbols, rank));
        List<Long> shape = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int d = 0; d < rank; d++) {
            shape.add(dims.getAtIndex(ValueLayout.JAVA_LONG, d));
            MemorySegment symbol = symbols.getAtIndex(C_POINTER, d);
            names.add(symbol.address() == 0L ? "" : symbol.getString(0));
        }
        return new TensorSpec(name, type.get(ValueLayout.JAVA_INT, 0), shape, names);
    }

    MemorySegment handle() {
        return handle;
    }

    List<TensorSpec> inputs() {
        return inputs;
    }

    List<TensorSpec> outputs() {
        return outputs;
    }

    /** How many sessions are open in this process. */
    static int live() {
        return LIVE.get();
    }

    @Override
    public void close() {
        arena.close();
        LIVE.decrementAndGet();
    }
}

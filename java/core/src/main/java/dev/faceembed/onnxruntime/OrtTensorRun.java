package dev.faceembed.onnxruntime;

import dev.faceembed.BackendClosedException;
import dev.faceembed.EmbeddingException;
import dev.faceembed.bindings.ort.OrtApi;
import dev.faceembed.bindings.ort.OrtException;
import dev.faceembed.bindings.ort.OrtStatus;
import dev.faceembed.spi.TensorRun;
import dev.faceembed.spi.TensorShape;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.faceembed.bindings.ort.OrtApi.C_POINTER;

/**
 * One thread's run of an {@link OrtModelRunner}: the input and output buffers, the {@code OrtValue}s wrapping them
 * (made once), the name arrays and run options, all in one arena. {@link #run()} is one native call.
 */
final class OrtTensorRun implements TensorRun {
    private final Arena arena = Arena.ofShared();
    private final OrtModelRunner runner;
    private final MemorySegment session;
    private final MemorySegment[] inputs;
    private final MemorySegment[] outputs;
    private final MemorySegment inputNames;
    private final MemorySegment outputNames;
    private final MemorySegment inputValues;
    private final MemorySegment outputValues;
    private final RunControl control;
    private final AtomicBoolean closed = new AtomicBoolean();

    OrtTensorRun(OrtModelRunner runner, MemorySegment session, List<TensorShape> inputShapes,
                 List<TensorShape> outputShapes, MemorySegment memoryInfo, boolean flushDenormals) {
        this.runner = runner;
        this.session = session;
        boolean success = false;
        try {
            inputs = new MemorySegment[inputShapes.size()];
            outputs = new MemorySegment[outputShapes.size()];
            inputNames = arena.allocate(C_POINTER, inputs.length);
            outputNames = arena.allocate(C_POINTER, outputs.length);
            inputValues = arena.allocate(C_POINTER, inputs.length);
            outputValues = arena.allocate(C_POINTER, outputs.length);
            bind(inputShapes, inputs, inputNames, inputValues, memoryInfo);
            bind(outputShapes, outputs, outputNames, outputValues, memoryInfo);
            control = new RunControl(arena, flushDenormals);
            success = true;
        } finally {
            if (!success) {
                releaseValues();
                arena.close();
            }
        }
    }

    private void bind(List<TensorShape> shapes, MemorySegment[] buffers, MemorySegment names, MemorySegment values,
                      MemorySegment memoryInfo) {
        for (int i = 0; i < buffers.length; i++) {
            TensorShape shape = shapes.get(i);
            names.setAtIndex(C_POINTER, i, arena.allocateFrom(shape.name()));
            buffers[i] = arena.allocate(shape.elements() * Float.BYTES, 64);
            MemorySegment dims = arena.allocateFrom(ValueLayout.JAVA_LONG,
                    shape.dims().stream().mapToLong(Long::longValue).toArray());
            OrtStatus.check(OrtApi.CreateTensorWithDataAsOrtValue(memoryInfo, buffers[i], buffers[i].byteSize(), dims,
                    shape.dims().size(), OrtApi.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, values.asSlice(i * C_POINTER
                            .byteSize(), C_POINTER.byteSize())));
        }
    }

    @Override
    public MemorySegment input(int index) {
        return inputs[index];
    }

    @Override
    public MemorySegment output(int index) {
        return outputs[index];
    }

    @Override
    public void run() {
        if (!runner.gate().tryEnter()) {
            throw new BackendClosedException("the model runner is closed");
        }
        try {
            if (closed.get()) {
                throw new IllegalStateException("this run is closed");
            }
            MemorySegment status;
            control.enter();
            try {
                status = OrtApi.Run(session, control.options(), inputNames, inputValues, inputs.length, outputNames,
                        outputs.length, outputValues);
            } finally {
                control.exit();
            }
            OrtStatus.check(status);
        } catch (OrtException e) {
            if (runner.gate().isClosed()) {
                throw new BackendClosedException("the model runner was closed during a run", e);
            }
            throw new EmbeddingException("ONNX Runtime failed to run the model: " + e.getMessage(), e);
        } finally {
            runner.gate().exit();
        }
    }

    /** Asks a run in progress (from any thread) to stop as soon as it can. */
    synchronized void terminate() {
        if (!closed.get()) {
            control.terminate();
        }
    }

    @Override
    public synchronized void close() {
        if (closed.compareAndSet(false, true)) {
            runner.forget(this);
            releaseValues();
            arena.close();
        }
    }

    private void releaseValues() {
        releaseAll(inputValues, inputs == null ? 0 : inputs.length);
        releaseAll(outputValues, outputs == null ? 0 : outputs.length);
    }

    private static void releaseAll(MemorySegment values, int count) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < count; i++) {
            MemorySegment value = values.getAtIndex(C_POINTER, i);
            values.setAtIndex(C_POINTER, i, MemorySegment.NULL);
            OrtApi.ReleaseValue(value);
        }
    }
}

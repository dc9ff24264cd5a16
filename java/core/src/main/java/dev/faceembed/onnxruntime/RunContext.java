package dev.faceembed.onnxruntime;

import dev.faceembed.bindings.ort.OrtApi;
import dev.faceembed.bindings.ort.OrtStatus;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import static dev.faceembed.bindings.ort.OrtApi.C_POINTER;

/**
 * Everything one {@code Run} needs, allocated once and reused by one thread at a time: the name and value arrays,
 * the shapes, the run options (so {@link #terminate()} can stop this context's run from another thread), the
 * floating-point environment buffers, and a staging buffer for uint8 input.
 *
 * <p>The {@code OrtValue}s that wrap input and output memory are kept between calls and re-created only when the
 * caller's address or row count changes, so steady-state calls with the same buffers make exactly one native call
 * into ONNX Runtime ({@code Run}) and allocate nothing.
 */
final class RunContext implements AutoCloseable {
    private static final int NO_ROWS = -1;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment session;
    private final MemorySegment memoryInfo;
    private final MemorySegment inputNames;
    private final MemorySegment outputNames;
    private final MemorySegment inputValue;
    private final MemorySegment outputValue;
    private final MemorySegment inputShape;
    private final MemorySegment outputShape;
    private final RunControl control;
    private final long inputFloatsPerRow;
    private final long outputFloatsPerRow;

    private MemorySegment staging = MemorySegment.NULL;
    private long boundInput;
    private int boundInputRows = NO_ROWS;
    private long boundOutput;
    private int boundOutputRows = NO_ROWS;

    RunContext(MemorySegment session, EmbeddingModelShape shape, MemorySegment memoryInfo, boolean flushDenormals) {
        this.session = session;
        this.memoryInfo = memoryInfo;
        boolean success = false;
        try {
            inputNames = arena.allocate(C_POINTER);
            inputNames.set(C_POINTER, 0, arena.allocateFrom(shape.inputName()));
            outputNames = arena.allocate(C_POINTER);
            outputNames.set(C_POINTER, 0, arena.allocateFrom(shape.outputName()));
            inputValue = arena.allocate(C_POINTER);
            outputValue = arena.allocate(C_POINTER);
            inputShape = arena.allocateFrom(ValueLayout.JAVA_LONG, 0, 3, shape.cropSize().height(),
                    shape.cropSize().width());
            outputShape = arena.allocateFrom(ValueLayout.JAVA_LONG, 0, shape.dim());
            inputFloatsPerRow = 3L * shape.cropSize().height() * shape.cropSize().width();
            outputFloatsPerRow = shape.dim();
            control = new RunControl(arena, flushDenormals);
            success = true;
        } finally {
            if (!success) {
                arena.close();
            }
        }
    }

    /** A float buffer of at least {@code bytes}, kept for later calls. */
    MemorySegment staging(long bytes) {
        if (staging.byteSize() < bytes) {
            staging = arena.allocate(bytes, 64);
        }
        return staging;
    }

    /** Runs the model on {@code rows} crops at {@code input}, writing {@code rows} embeddings to {@code output}. */
    void run(MemorySegment input, MemorySegment output, int rows) {
        if (input.address() != boundInput || rows != boundInputRows) {
            bind(inputValue, inputShape, 4, input, rows * inputFloatsPerRow, rows);
            boundInput = input.address();
            boundInputRows = rows;
        }
        if (output.address() != boundOutput || rows != boundOutputRows) {
            bind(outputValue, outputShape, 2, output, rows * outputFloatsPerRow, rows);
            boundOutput = output.address();
            boundOutputRows = rows;
        }
        MemorySegment status;
        control.enter();
        try {
            status = OrtApi.Run(session, control.options(), inputNames, inputValue, 1, outputNames, 1, outputValue);
        } finally {
            control.exit();
        }
        OrtStatus.check(status);
    }

    private void bind(MemorySegment slot, MemorySegment shape, int rank, MemorySegment data, long floats, int rows) {
        releaseValue(slot);
        shape.set(ValueLayout.JAVA_LONG, 0, rows);
        OrtStatus.check(OrtApi.CreateTensorWithDataAsOrtValue(memoryInfo, data, floats * Float.BYTES, shape, rank,
                OrtApi.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, slot));
    }

    private static void releaseValue(MemorySegment slot) {
        MemorySegment value = slot.get(C_POINTER, 0);
        slot.set(C_POINTER, 0, MemorySegment.NULL);
        OrtApi.ReleaseValue(value);
    }

    /** Asks a run in progress on this context (from any thread) to stop as soon as it can. */
    void terminate() {
        control.terminate();
    }

    @Override
    public void close() {
        releaseValue(inputValue);
        releaseValue(outputValue);
        arena.close();
    }
}

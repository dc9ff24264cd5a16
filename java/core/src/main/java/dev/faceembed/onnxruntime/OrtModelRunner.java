package dev.faceembed.onnxruntime;

import dev.faceembed.BackendClosedException;
import dev.faceembed.ModelException;
import dev.faceembed.bindings.ort.OrtApi;
import dev.faceembed.internal.CallGate;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.spi.ModelRunner;
import dev.faceembed.spi.TensorRun;
import dev.faceembed.spi.TensorShape;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A fixed-shape float32 model (the face detector, the landmark model) in one ONNX Runtime session on the CPU. Each
 * caller thread runs through its own {@link OrtTensorRun}, whose input and output {@code OrtValue}s are bound once;
 * the {@link CallGate} lets {@link #close()} wait for runs in progress after asking them to stop.
 */
final class OrtModelRunner implements ModelRunner {
    private final OnnxRuntimeSession session;
    private final List<TensorShape> inputs;
    private final List<TensorShape> outputs;
    private final boolean flushDenormals;
    private final CallGate gate = new CallGate();
    private final Queue<OrtTensorRun> runs = new ConcurrentLinkedQueue<>();

    private OrtModelRunner(OnnxRuntimeSession session, List<TensorShape> inputs, List<TensorShape> outputs,
                           boolean flushDenormals) {
        this.session = session;
        this.inputs = inputs;
        this.outputs = outputs;
        this.flushDenormals = flushDenormals;
    }

    /** Opens {@code model} on the CPU with {@code settings}, checking that every tensor is float32 of fixed shape. */
    static OrtModelRunner open(LoadedModel model, OnnxRuntimeOptions settings) {
        OnnxRuntimeSession session = OnnxRuntimeSession.open(model, settings.withProvider(ExecutionProvider.CPU), 0);
        boolean success = false;
        try {
            OrtModelRunner runner = new OrtModelRunner(session, shapes(model, session.inputs()),
                    shapes(model, session.outputs()), settings.flushDenormals());
            success = true;
            return runner;
        } finally {
            if (!success) {
                session.close();
            }
        }
    }

    private static List<TensorShape> shapes(LoadedModel model, List<TensorSpec> specs) {
        List<TensorShape> shapes = new ArrayList<>();
        for (TensorSpec spec : specs) {
            boolean fixed = spec.shape().stream().allMatch(d -> d > 0);
            if (spec.elementType() != OrtApi.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || !fixed) {
                throw new ModelException("model " + model.location() + " has tensor " + spec.describe()
                        + "; this runner takes float32 tensors of fixed shape only");
            }
            shapes.add(new TensorShape(spec.name(), spec.shape()));
        }
        return List.copyOf(shapes);
    }

    @Override
    public List<TensorShape> inputs() {
        return inputs;
    }

    @Override
    public List<TensorShape> outputs() {
        return outputs;
    }

    @Override
    public TensorRun newRun() {
        if (!gate.tryEnter()) {
            throw new BackendClosedException("the model runner is closed");
        }
        try {
            OrtTensorRun run = new OrtTensorRun(this, session.handle(), inputs, outputs,
                    OnnxRuntimeEnvironment.get().cpuMemoryInfo(), flushDenormals);
            runs.add(run);
            return run;
        } finally {
            gate.exit();
        }
    }

    CallGate gate() {
        return gate;
    }

    void forget(OrtTensorRun run) {
        runs.remove(run);
    }

    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        runs.forEach(OrtTensorRun::terminate);
        gate.awaitDrained();
        OrtTensorRun run;
        while ((run = runs.poll()) != null) {
            run.close();
        }
        session.close();
    }
}

package dev.faceembed.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;

import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The peer: ONNX Runtime's own Java API (JNI), same ONNX Runtime version. Either with the same session settings as
 * ours ({@code tuned}) or with its defaults, and fed either a direct FloatBuffer (no copy in, the tensor made once
 * per thread) or a {@code float[][][][]} (a tensor made per call, the way most users call it). Outputs are
 * L2-normalised like ours.
 */
final class OrtJavaImplementation implements Implementation {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String input;
    private final boolean direct;
    private final int dim;
    private final ThreadLocal<OnnxTensor> tensors = new ThreadLocal<>();

    OrtJavaImplementation(Path model, OnnxRuntimeOptions settings, boolean direct) {
        try {
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            if (settings != null) {
                options.setIntraOpNumThreads(settings.intraOpThreads());
                options.setInterOpNumThreads(settings.interOpThreads());
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                options.addConfigEntry("session.set_denormal_as_zero", settings.flushDenormals() ? "1" : "0");
            }
            session = env.createSession(model.toString(), options);
            input = session.getInputNames().iterator().next();
            long[] shape = ((TensorInfo) session.getOutputInfo().values().iterator().next().getInfo())
                    .getShape();
            dim = (int) shape[1];
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        this.direct = direct;
    }

    int dim() {
        return dim;
    }

    @Override
    public float embed(Crops crops) {
        try {
            if (direct) {
                OnnxTensor tensor = tensors.get();
                if (tensor == null) {
                    tensor = OnnxTensor.createTensor(env, crops.direct,
                            new long[]{crops.count, 3, crops.size.height(), crops.size.width()});
                    tensors.set(tensor);
                }
                try (OrtSession.Result result = session.run(Map.of(input, tensor))) {
                    FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
                    out.get(crops.outArray);
                }
            } else {
                try (OnnxTensor tensor = OnnxTensor.createTensor(env, crops.array);
                     OrtSession.Result result = session.run(Map.of(input, tensor))) {
                    float[][] rows = (float[][]) result.get(0).getValue();
                    for (int r = 0; r < rows.length; r++) {
                        System.arraycopy(rows[r], 0, crops.outArray, r * dim, dim);
                    }
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
        Crops.normalise(crops.outArray, dim);
        return crops.outArray[0];
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }
}

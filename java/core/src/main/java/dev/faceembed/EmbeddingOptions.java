package dev.faceembed;

import dev.faceembed.model.ModelSpec;
import dev.faceembed.onnxruntime.SessionSettings;
import dev.faceembed.tensorrt.TensorRtOptions;

import java.util.Objects;

/**
 * How to build a backend.
 *
 * @param backend          which backend to run
 * @param model            the model (default: the bundled one)
 * @param session          ONNX Runtime session settings
 * @param maxBatchSize     most crops per native run of the onnxruntime backend; larger batches are split
 * @param allowCpuFallback when the requested backend cannot run here, run onnxruntime on the CPU (and say why in
 *                         {@link Diagnostics#fallbackReason()}) instead of throwing
 * @param device           {@code cuda:<index>} for GPU backends, or {@code cpu}
 * @param tensorrt         TensorRT engine settings
 */
public record EmbeddingOptions(BackendKind backend, ModelSpec model, SessionSettings session, int maxBatchSize,
                               boolean allowCpuFallback, String device, TensorRtOptions tensorrt) {
    /** Default {@link #maxBatchSize()}: past it the CPU gains nothing and staging memory keeps growing. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 128;

    public EmbeddingOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(tensorrt, "tensorrt");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
    }

    /** The bundled model on ONNX Runtime with the default settings. */
    public static EmbeddingOptions defaults() {
        return new EmbeddingOptions(BackendKind.ONNXRUNTIME, ModelSpec.bundledDefault(), SessionSettings.defaults(),
                DEFAULT_MAX_BATCH_SIZE, true, "cuda:0", TensorRtOptions.defaults());
    }

    public EmbeddingOptions withBackend(BackendKind kind) {
        return new EmbeddingOptions(kind, model, session, maxBatchSize, allowCpuFallback, device, tensorrt);
    }

    public EmbeddingOptions withModel(ModelSpec spec) {
        return new EmbeddingOptions(backend, spec, session, maxBatchSize, allowCpuFallback, device, tensorrt);
    }

    public EmbeddingOptions withSession(SessionSettings settings) {
        return new EmbeddingOptions(backend, model, settings, maxBatchSize, allowCpuFallback, device, tensorrt);
    }

    public EmbeddingOptions withMaxBatchSize(int size) {
        return new EmbeddingOptions(backend, model, session, size, allowCpuFallback, device, tensorrt);
    }

    public EmbeddingOptions withAllowCpuFallback(boolean allow) {
        return new EmbeddingOptions(backend, model, session, maxBatchSize, allow, device, tensorrt);
    }

    public EmbeddingOptions withDevice(String name) {
        return new EmbeddingOptions(backend, model, session, maxBatchSize, allowCpuFallback, name, tensorrt);
    }

    public EmbeddingOptions withTensorRt(TensorRtOptions options) {
        return new EmbeddingOptions(backend, model, session, maxBatchSize, allowCpuFallback, device, options);
    }
}

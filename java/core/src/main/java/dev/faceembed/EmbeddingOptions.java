package dev.faceembed;

import dev.faceembed.model.ModelSpec;
import dev.faceembed.onnxruntime.SessionSettings;

import java.util.Objects;

/**
 * How to build a backend.
 *
 * @param backend      which backend to run
 * @param model        the model (default: the bundled one)
 * @param session      ONNX Runtime session settings
 * @param maxBatchSize most crops per native run; larger batches are split
 */
public record EmbeddingOptions(BackendKind backend, ModelSpec model, SessionSettings session, int maxBatchSize) {
    /** Default {@link #maxBatchSize()}: past it the CPU gains nothing and staging memory keeps growing. */
    public static final int DEFAULT_MAX_BATCH_SIZE = 128;

    public EmbeddingOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(session, "session");
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
    }

    /** The bundled model on ONNX Runtime with the default settings. */
    public static EmbeddingOptions defaults() {
        return new EmbeddingOptions(BackendKind.ONNXRUNTIME, ModelSpec.bundledDefault(), SessionSettings.defaults(),
                DEFAULT_MAX_BATCH_SIZE);
    }

    public EmbeddingOptions withBackend(BackendKind kind) {
        return new EmbeddingOptions(kind, model, session, maxBatchSize);
    }

    public EmbeddingOptions withModel(ModelSpec spec) {
        return new EmbeddingOptions(backend, spec, session, maxBatchSize);
    }

    public EmbeddingOptions withSession(SessionSettings settings) {
        return new EmbeddingOptions(backend, model, settings, maxBatchSize);
    }

    public EmbeddingOptions withMaxBatchSize(int size) {
        return new EmbeddingOptions(backend, model, session, size);
    }
}

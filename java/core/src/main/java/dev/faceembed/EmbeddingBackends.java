package dev.faceembed;

import dev.faceembed.onnxruntime.OnnxRuntimeBackend;

/** Creates backends. */
public final class EmbeddingBackends {
    private EmbeddingBackends() {
    }

    /** The bundled model on ONNX Runtime with the default settings. */
    public static EmbeddingBackend create() {
        return create(EmbeddingOptions.defaults());
    }

    /** A backend for {@code options}; nothing is loaded until first use or {@link EmbeddingBackend#ensureReady()}. */
    public static EmbeddingBackend create(EmbeddingOptions options) {
        return switch (options.backend()) {
            case ONNXRUNTIME -> new OnnxRuntimeBackend(options.model(), options.session(), options.maxBatchSize());
        };
    }
}

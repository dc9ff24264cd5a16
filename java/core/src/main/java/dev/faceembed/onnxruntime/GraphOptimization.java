package dev.faceembed.onnxruntime;

import dev.faceembed.bindings.ort.OrtApi;

/** ONNX Runtime's {@code GraphOptimizationLevel}. */
public enum GraphOptimization {
    /** No graph optimisation. */
    DISABLE_ALL(OrtApi.ORT_DISABLE_ALL),
    /** Semantics-preserving rewrites such as constant folding and redundant node removal. */
    BASIC(OrtApi.ORT_ENABLE_BASIC),
    /** Basic plus node fusions. */
    EXTENDED(OrtApi.ORT_ENABLE_EXTENDED),
    /** Extended plus layout optimisations. */
    LAYOUT(OrtApi.ORT_ENABLE_LAYOUT),
    /** Every optimisation ONNX Runtime has. */
    ALL(OrtApi.ORT_ENABLE_ALL);

    private final int value;

    GraphOptimization(int value) {
        this.value = value;
    }

    int value() {
        return value;
    }
}

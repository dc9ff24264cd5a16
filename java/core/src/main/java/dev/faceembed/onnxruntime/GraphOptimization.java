package dev.faceembed.onnxruntime;

import dev.faceembed.bindings.ort.OrtApi;

/** ONNX Runtime's {@code GraphOptimizationLevel}. */
public enum GraphOptimization {
    DISABLE_ALL(OrtApi.ORT_DISABLE_ALL),
    BASIC(OrtApi.ORT_ENABLE_BASIC),
    EXTENDED(OrtApi.ORT_ENABLE_EXTENDED),
    LAYOUT(OrtApi.ORT_ENABLE_LAYOUT),
    ALL(OrtApi.ORT_ENABLE_ALL);

    private final int value;

    GraphOptimization(int value) {
        this.value = value;
    }

    int value() {
        return value;
    }
}

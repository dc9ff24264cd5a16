package dev.faceembed;

import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Locale;

/** The backends a user can ask for. */
public enum BackendKind {
    /** ONNX Runtime (the reference): CPU, or a GPU execution provider of a GPU build of ONNX Runtime. */
    ONNXRUNTIME("onnxruntime"),
    /** TensorRT through faceembed's native shim (module faceembed-tensorrt). */
    TENSORRT("tensorrt");

    private final String id;

    BackendKind(String id) {
        this.id = id;
    }

    /** The name used in configuration and on the command line. */
    public String id() {
        return id;
    }

    /**
     * Parses a configured name. {@code pytorch}, the original Python tool's reference backend, is accepted as an
     * alias of {@link #ONNXRUNTIME} with a notice.
     */
    public static BackendKind parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("pytorch")) {
            LoggerFactory.getLogger(BackendKind.class).warn("backend 'pytorch' is deprecated: it is an alias of"
                    + " 'onnxruntime', the reference backend; write 'onnxruntime'");
            return ONNXRUNTIME;
        }
        for (BackendKind kind : values()) {
            if (kind.id.equals(n)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + name + "'; expected one of "
                + Arrays.stream(values()).map(BackendKind::id).toList() + " (or the alias pytorch)");
    }
}

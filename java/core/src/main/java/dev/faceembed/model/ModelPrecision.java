package dev.faceembed.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The numeric precision a model computes in: its weights and activations. */
public enum ModelPrecision {
    /** float32 throughout. */
    FP32,
    /** int8 weights and activations between explicit QuantizeLinear/DequantizeLinear nodes (a static QDQ model). */
    INT8;

    /**
     * The lower-case name used in configuration, manifests and diagnostics.
     *
     * @return e.g. {@code int8}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision named by {@code text}, in any case.
     *
     * @param text a precision's name, e.g. {@code fp32}
     * @return the precision
     * @throws IllegalArgumentException naming the accepted values
     */
    public static ModelPrecision parse(String text) {
        for (ModelPrecision p : values()) {
            if (p.id().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + text + "': use one of "
                + Arrays.stream(values()).map(ModelPrecision::id).collect(Collectors.joining(", ")));
    }
}

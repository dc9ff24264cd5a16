package dev.faceembed.cache;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Numeric precision a TensorRT engine is built for; part of the engine's identity. */
public enum Precision {
    /** 32-bit floats throughout (TF32 where the key allows it). */
    FP32,
    /** Half precision where TensorRT finds it faster; fp32 where a layer needs it. */
    FP16,
    /** An explicitly quantised (QDQ) model built as INT8; layers left unquantised may run in fp16. */
    INT8;

    /**
     * The lower-case name used in file names, sidecars and CLI flags.
     *
     * @return e.g. {@code fp16}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The precision named by {@code text}, in any case.
     *
     * @param text {@code fp32}, {@code fp16} or {@code int8}
     * @return the precision
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Precision parse(String text) {
        for (Precision p : values()) {
            if (p.id().equalsIgnoreCase(text.strip())) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + text + "': use one of "
                + Arrays.stream(values()).map(Precision::id).collect(Collectors.joining(", ")));
    }
}

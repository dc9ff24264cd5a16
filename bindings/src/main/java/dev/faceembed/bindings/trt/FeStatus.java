package dev.faceembed.bindings.trt;

/** The {@code fe_status} enum of the shim, plus {@link #UNKNOWN} for values newer than this binding. */
public enum FeStatus {
    OK(0),
    INVALID_ARGUMENT(1),
    NOT_BUILT(2),
    NO_DRIVER(3),
    NO_DEVICE(4),
    CUDA(5),
    NO_TENSORRT(6),
    TENSORRT(7),
    OUT_OF_MEMORY(8),
    IO(9),
    INTERNAL(10),
    UNKNOWN(-1);

    private final int value;

    FeStatus(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    public static FeStatus of(int value) {
        for (FeStatus s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return UNKNOWN;
    }
}

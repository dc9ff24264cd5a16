package dev.faceembed.bindings.trt;

/** A failed shim call: its status and the shim's message (which carries CUDA's or TensorRT's own words). */
public final class FeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FeStatus status;

    public FeException(FeStatus status, int raw, String function, String message) {
        super(function + ": " + (status == FeStatus.UNKNOWN ? "status " + raw : status.name()) + ": " + message);
        this.status = status;
    }

    public FeStatus status() {
        return status;
    }
}

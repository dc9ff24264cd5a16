package dev.faceembed;

/** The model cannot be used: missing or unreadable file, not ONNX, wrong checksum, unsupported inputs or outputs. */
public class ModelException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with no underlying cause.
     *
     * @param message the model and what is wrong with it, and the fix where there is one
     */
    public ModelException(String message) {
        super(message);
    }

    /**
     * An exception caused by another failure.
     *
     * @param message the model and what is wrong with it, and the fix where there is one
     * @param cause   the underlying failure, may be null
     */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}

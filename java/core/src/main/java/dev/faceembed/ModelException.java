package dev.faceembed;

/** The model cannot be used: missing or unreadable file, not ONNX, wrong checksum, unsupported inputs or outputs. */
public class ModelException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}

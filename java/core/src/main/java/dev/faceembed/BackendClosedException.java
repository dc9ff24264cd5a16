package dev.faceembed;

/** The backend was closed before or during the call. */
public class BackendClosedException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public BackendClosedException(String message) {
        super(message);
    }

    public BackendClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.faceembed;

/** The backend was closed before or during the call. */
public class BackendClosedException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with no underlying cause.
     *
     * @param message the backend and the call that found it closed
     */
    public BackendClosedException(String message) {
        super(message);
    }

    /**
     * An exception caused by another failure.
     *
     * @param message the backend and the call that found it closed
     * @param cause   the underlying failure, may be null
     */
    public BackendClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}

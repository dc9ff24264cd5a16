package dev.faceembed;

/** Base of every exception faceembed throws on purpose; the message names the problem and, where there is one, the fix. */
public class EmbeddingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with no underlying cause.
     *
     * @param message the problem and, where there is one, the fix
     */
    public EmbeddingException(String message) {
        super(message);
    }

    /**
     * An exception caused by another failure.
     *
     * @param message the problem and, where there is one, the fix
     * @param cause   the underlying failure, may be null
     */
    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}

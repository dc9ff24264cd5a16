package dev.faceembed;

/** Base of every exception faceembed throws on purpose; the message names the problem and, where there is one, the fix. */
public class EmbeddingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}

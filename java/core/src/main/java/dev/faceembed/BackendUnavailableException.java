package dev.faceembed;

/**
 * The requested backend cannot run on this machine (native library, driver, GPU or engine missing). The message
 * names the step that failed and how to fix it.
 */
public class BackendUnavailableException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with no underlying cause.
     *
     * @param message the step that failed and how to fix it
     */
    public BackendUnavailableException(String message) {
        super(message);
    }

    /**
     * An exception caused by another failure.
     *
     * @param message the step that failed and how to fix it
     * @param cause   the underlying failure, may be null
     */
    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

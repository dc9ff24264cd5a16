package dev.faceembed;

/**
 * The requested backend cannot run on this machine (native library, driver, GPU or engine missing). The message
 * names the step that failed and how to fix it.
 */
public class BackendUnavailableException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.faceembed.bindings.loader;

/**
 * A native library could not be found or loaded. The message lists every place that was tried and how to fix it;
 * each individual failure is attached as a suppressed exception.
 */
public final class NativeLibraryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NativeLibraryUnavailableException(String message) {
        super(message);
    }

    public NativeLibraryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.faceembed;

import dev.faceembed.config.ConfigException;

/**
 * The exit codes of faceembed's command lines ({@code embed}, the Spark job), and which failures map to them, so that
 * every entry point classifies failures the same way.
 */
public final class ExitStatus {
    public static final int OK = 0;
    public static final int RUNTIME_FAILURE = 1;
    public static final int USAGE = 2;
    public static final int DRIFT = 3;
    public static final int BACKEND_UNAVAILABLE = 4;

    private ExitStatus() {
    }

    /**
     * {@link #BACKEND_UNAVAILABLE} if a {@link BackendUnavailableException} is anywhere in the cause chain (frameworks
     * such as Spark wrap it), {@link #USAGE} for configuration, model, input and argument errors, else
     * {@link #RUNTIME_FAILURE}.
     */
    public static int of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BackendUnavailableException) {
                return BACKEND_UNAVAILABLE;
            }
        }
        if (failure instanceof ConfigException || failure instanceof ModelException
                || failure instanceof InvalidInputException || failure instanceof IllegalArgumentException) {
            return USAGE;
        }
        return RUNTIME_FAILURE;
    }
}

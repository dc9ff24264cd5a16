package dev.faceembed;

import dev.faceembed.config.ConfigException;

/**
 * Whose move a failure calls for, so that every entry point (the {@code embed} command, the Spark job, a service)
 * classifies failures the same way: each maps these to its own exit codes or responses.
 */
public enum FailureKind {
    /** The request itself is wrong: a bad option, configuration value, model or input. Retrying cannot help. */
    INVALID_REQUEST,
    /** The requested backend cannot run here and no fallback was allowed: the machine lacks something. */
    BACKEND_UNAVAILABLE,
    /** Anything else: inference failed, an I/O error. */
    RUNTIME;

    /**
     * {@link #BACKEND_UNAVAILABLE} if a {@link BackendUnavailableException} is anywhere in the cause chain
     * (frameworks such as Spark wrap it), {@link #INVALID_REQUEST} for configuration, model, input and argument
     * errors, else {@link #RUNTIME}.
     *
     * @param failure the failure to classify; null gives {@link #RUNTIME}
     * @return the kind of failure, never null
     */
    public static FailureKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof BackendUnavailableException) {
                return BACKEND_UNAVAILABLE;
            }
        }
        if (failure instanceof ConfigException || failure instanceof ModelException
                || failure instanceof InvalidInputException || failure instanceof IllegalArgumentException) {
            return INVALID_REQUEST;
        }
        return RUNTIME;
    }
}

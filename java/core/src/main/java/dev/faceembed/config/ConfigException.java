package dev.faceembed.config;

import dev.faceembed.EmbeddingException;

/** A configuration value is unknown, of the wrong type or out of range; the message names where and what to write. */
public final class ConfigException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with no underlying cause.
     *
     * @param message where the value was set, what is wrong with it and what to write
     */
    public ConfigException(String message) {
        super(message);
    }

    /**
     * An exception caused by another failure, such as an unreadable file.
     *
     * @param message where the value was set, what is wrong with it and what to write
     * @param cause   the underlying failure, may be null
     */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

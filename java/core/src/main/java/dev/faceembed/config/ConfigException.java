package dev.faceembed.config;

import dev.faceembed.EmbeddingException;

/** A configuration value is unknown, of the wrong type or out of range; the message names where and what to write. */
public final class ConfigException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

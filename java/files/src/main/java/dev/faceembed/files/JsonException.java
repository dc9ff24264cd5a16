package dev.faceembed.files;

/** A JSON document is malformed; the message names the document, the line and column, and the problem. */
public final class JsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * A malformed document.
     *
     * @param message the document, line and column, and the problem
     */
    public JsonException(String message) {
        super(message);
    }
}

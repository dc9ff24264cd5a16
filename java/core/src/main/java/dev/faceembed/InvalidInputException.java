package dev.faceembed;

/** The crops handed to a backend are unusable: wrong size or layout, too small a segment, non-finite values. */
public class InvalidInputException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

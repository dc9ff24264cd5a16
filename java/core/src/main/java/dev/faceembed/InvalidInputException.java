package dev.faceembed;

/** The crops handed to a backend are unusable: wrong size or layout, too small a segment, non-finite values. */
public class InvalidInputException extends EmbeddingException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with no underlying cause.
     *
     * @param message what is wrong with the crops
     */
    public InvalidInputException(String message) {
        super(message);
    }

    /**
     * An exception caused by another failure.
     *
     * @param message what is wrong with the crops
     * @param cause   the underlying failure, may be null
     */
    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}

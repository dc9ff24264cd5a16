package dev.faceembed.config;

/**
 * A value does not fit its key's {@link ValueType}; {@link #describeAt} turns it into the message users see, naming
 * where the value was set and which key it is for.
 */
public final class InvalidValueException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Whether the value was of the right kind but outside the allowed range. */
    private final boolean outOfRange;
    /** What a valid value looks like, e.g. {@code a whole number in 1..4096}. */
    private final String expected;
    /** What the value was, or its spelling when out of range. */
    private final String got;

    private InvalidValueException(boolean outOfRange, String expected, String got) {
        super((outOfRange ? got + " is out of range" : "got " + got) + ": expected " + expected);
        this.outOfRange = outOfRange;
        this.expected = expected;
        this.got = got;
    }

    /**
     * The value is of the wrong kind: {@code got} says what it was.
     *
     * @param expected what a valid value looks like
     * @param got      what the value was, e.g. {@code a list of 3}
     * @return the exception
     */
    public static InvalidValueException wrongKind(String expected, String got) {
        return new InvalidValueException(false, expected, got);
    }

    /**
     * The value is of the right kind but outside the allowed range; {@code got} is its spelling.
     *
     * @param expected what a valid value looks like, e.g. {@code a whole number in 1..4096}
     * @param got      the value as written
     * @return the exception
     */
    public static InvalidValueException outOfRange(String expected, String got) {
        return new InvalidValueException(true, expected, got);
    }

    /** The same problem, described against a wider type's expectation (e.g. with "or null"). */
    InvalidValueException expecting(String wider) {
        return new InvalidValueException(outOfRange, wider, got);
    }

    /** e.g. {@code c.yaml:3: tensorrt.max_batch_size = 0 is out of range: expected a whole number in 1..4096}. */
    String describeAt(String where, String path) {
        return outOfRange ? where + ": " + path + " = " + got + " is out of range: expected " + expected
                : where + ": " + path + ": expected " + expected + ", got " + got;
    }
}

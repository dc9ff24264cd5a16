package dev.faceembed.internal;

import dev.faceembed.InvalidInputException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Checks of float data handed to native code as it is. */
public final class FloatChecks {
    private static final int FLOAT_EXPONENT = 0x7f80_0000;

    private FloatChecks() {
    }

    /**
     * Throws if any of the first {@code bytes / 4} floats is NaN or infinite: such input would reach the model
     * unchecked, since float crops are not copied.
     *
     * @param data  the floats, from offset 0
     * @param bytes how many bytes to check, a multiple of 4
     * @throws InvalidInputException naming the first value that is NaN or infinite and its index
     */
    public static void rejectNonFinite(MemorySegment data, long bytes) {
        for (long offset = 0; offset < bytes; offset += Float.BYTES) {
            if ((data.get(ValueLayout.JAVA_INT_UNALIGNED, offset) & FLOAT_EXPONENT) == FLOAT_EXPONENT) {
                float value = data.get(ValueLayout.JAVA_FLOAT_UNALIGNED, offset);
                throw new InvalidInputException("float32 crops contain " + value + " at float index "
                        + offset / Float.BYTES + ": input values must be finite");
            }
        }
    }
}

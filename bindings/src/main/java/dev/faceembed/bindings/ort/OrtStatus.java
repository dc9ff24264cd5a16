package dev.faceembed.bindings.ort;

import java.lang.foreign.MemorySegment;

/** The one place that turns an {@code OrtStatus*} into a Java exception. */
public final class OrtStatus {
    private OrtStatus() {
    }

    /**
     * Returns normally for a NULL status (success); otherwise reads the code and message, releases the status and
     * throws {@link OrtException}. The status is released even if reading it fails.
     */
    public static void check(MemorySegment status) {
        if (status.address() == 0L) {
            return;
        }
        int raw;
        String message;
        try {
            raw = OrtApi.GetErrorCode(status);
            message = OrtApi.GetErrorMessage(status).getString(0);
        } finally {
            OrtApi.ReleaseStatus(status);
        }
        throw new OrtException(OrtErrorCode.of(raw), raw, message);
    }
}

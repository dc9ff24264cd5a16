package dev.faceembed.cache;

import java.util.Objects;

/** The outcome of an upload and a sentence that explains it. */
public record UploadResult(UploadOutcome outcome, String detail) {
    static final UploadResult NOT_REQUESTED = new UploadResult(UploadOutcome.NOT_REQUESTED, "no upload requested");

    public UploadResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}

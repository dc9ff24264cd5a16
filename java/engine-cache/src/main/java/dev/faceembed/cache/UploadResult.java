package dev.faceembed.cache;

import java.util.Objects;

/**
 * The outcome of an upload and a sentence that explains it.
 *
 * @param outcome what happened
 * @param detail  the sentence
 */
public record UploadResult(UploadOutcome outcome, String detail) {
    static final UploadResult NOT_REQUESTED = new UploadResult(UploadOutcome.NOT_REQUESTED, "no upload requested");

    /** Checks that both components are given. */
    public UploadResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}

package dev.faceembed.cache;

import java.util.Objects;

/** The engine cache could not deliver a usable engine; the message names the problem and the command that fixes it. */
public class EngineCacheException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that map failures to exit codes. */
    public enum Reason {
        /** No entry for the key, and building was not allowed. */
        NOT_CACHED,
        /** An entry exists but was built for another GPU, TensorRT version, model or settings. */
        MISMATCH,
        /** An entry exists but is damaged: plan bytes do not match the sidecar, or the sidecar is unreadable. */
        CORRUPT,
        /** Another process held the entry's lock for longer than the configured timeout. */
        LOCK_TIMEOUT,
        /** The thread was interrupted while waiting. */
        INTERRUPTED,
        /** The engine builder failed. */
        BUILD_FAILED,
        /** Reading or writing the local cache directory failed. */
        STORAGE,
        /** An S3 request failed after its retries. */
        REMOTE,
        /** The cache or bucket settings are invalid or incomplete. */
        CONFIGURATION
    }

    /** What went wrong. */
    private final Reason reason;

    /**
     * A failure of one kind.
     *
     * @param reason  its kind
     * @param message what happened and how to fix it
     */
    public EngineCacheException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * A failure of one kind, caused by another.
     *
     * @param reason  its kind
     * @param message what happened and how to fix it
     * @param cause   the underlying failure
     */
    public EngineCacheException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /**
     * The kind of failure.
     *
     * @return its kind
     */
    public Reason reason() {
        return reason;
    }
}

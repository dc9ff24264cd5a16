package dev.faceembed.cache;

/** How an upload of a cache entry to S3 ended. */
public enum UploadOutcome {
    /** No upload was asked for, or no bucket is configured. */
    NOT_REQUESTED,
    /** This plan and its sidecar are now the bucket's entry for the key. */
    UPLOADED,
    /** The bucket already holds a plan with exactly these bytes (someone uploaded it first). */
    ALREADY_PRESENT,
    /**
     * The bucket holds another complete build of the same key. TensorRT builds are not bit-reproducible, so this is
     * normal after a race; both builds are valid, the bucket keeps the first and this one stays local.
     */
    OTHER_BUILD_PRESENT,
    /** The bucket holds something for the key that cannot be confirmed; the detail says what and how to fix it. */
    CONFLICT,
    /** The upload failed (network, permissions); the detail says why. The local entry is unaffected. */
    FAILED
}

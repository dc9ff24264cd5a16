package dev.faceembed.cache;

/**
 * What {@link EngineCache#getOrBuild} may do on a local miss.
 *
 * @param download   fetch a valid engine from S3 (if a bucket is configured)
 * @param allowBuild build the engine when neither the local cache nor S3 has a valid one
 * @param upload     upload an engine this lookup built to S3 (needs {@code allowBuild} and a configured bucket)
 */
public record LookupPolicy(boolean download, boolean allowBuild, boolean upload) {
    /** Checks that uploading comes with building. */
    public LookupPolicy {
        if (upload && !allowBuild) {
            throw new IllegalArgumentException("upload applies to engines the lookup builds: allow building too");
        }
    }

    /**
     * Use a cached or downloaded engine, never build.
     *
     * @return the policy
     */
    public static LookupPolicy cacheOnly() {
        return new LookupPolicy(true, false, false);
    }

    /**
     * Build on a miss; keep the result local.
     *
     * @return the policy
     */
    public static LookupPolicy buildIfMissing() {
        return new LookupPolicy(true, true, false);
    }

    /**
     * Build on a miss and upload the result to S3.
     *
     * @return the policy
     */
    public static LookupPolicy buildAndUpload() {
        return new LookupPolicy(true, true, true);
    }

    /**
     * Build here without asking S3: after TensorRT refused a cached engine, the bucket's copy is the one that was
     * refused (it is left there: nothing is deleted from S3 implicitly).
     *
     * @return the policy
     */
    public static LookupPolicy rebuildLocally() {
        return new LookupPolicy(false, true, false);
    }
}

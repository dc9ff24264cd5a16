package dev.faceembed.cache;

/** Where {@link EngineCache#getOrBuild} found the engine it returned. */
public enum EngineSource {
    /** A valid entry was already in the local cache directory. */
    LOCAL,
    /** Downloaded from the S3 bucket, verified and published into the local cache. */
    S3,
    /** Built on this machine and published into the local cache. */
    BUILT
}

package dev.faceembed.cache;

import java.nio.file.Path;

/**
 * Builds a TensorRT engine on a cache miss. The cache does not know TensorRT: it hands the builder an empty file in the
 * cache directory, and after the builder returns it hashes that file, writes the sidecar and publishes both atomically.
 * Plans can be hundreds of megabytes, so builders write to the file rather than return bytes.
 */
@FunctionalInterface
public interface EngineBuilder {
    /**
     * Builds the engine {@code key} describes and writes its serialised plan to {@code planFile}.
     *
     * @param key      the engine to build
     * @param planFile an existing empty temporary file; the builder overwrites it and must not move or delete it
     * @return facts about the build that the key does not hold
     * @throws Exception any failure; the cache reports it as {@link EngineCacheException.Reason#BUILD_FAILED}
     */
    BuildInfo build(EngineKey key, Path planFile) throws Exception;
}

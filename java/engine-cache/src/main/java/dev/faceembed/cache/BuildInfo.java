package dev.faceembed.cache;

import java.util.Objects;

/**
 * What an {@link EngineBuilder} reports about a build that its key does not already say.
 *
 * @param cudaVersion the CUDA runtime the engine was built with, e.g. {@code 13.0}
 */
public record BuildInfo(String cudaVersion) {
    /** Checks that the version is given. */
    public BuildInfo {
        Objects.requireNonNull(cudaVersion, "cudaVersion");
    }
}

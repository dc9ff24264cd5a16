package dev.faceembed.cache;

import java.util.Objects;

/** What an {@link EngineBuilder} reports about a build that its key does not already say. */
public record BuildInfo(String cudaVersion) {
    public BuildInfo {
        Objects.requireNonNull(cudaVersion, "cudaVersion");
    }
}

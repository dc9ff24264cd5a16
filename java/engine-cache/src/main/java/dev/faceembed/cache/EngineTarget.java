package dev.faceembed.cache;

import java.util.Objects;

/**
 * What a serialised TensorRT engine is tied to besides its model and settings: the GPU architecture (compute
 * capability) and the exact TensorRT version. An engine runs only where both match.
 */
public record EngineTarget(int computeMajor, int computeMinor, String tensorRtVersion) {
    public EngineTarget {
        EngineKey.requireComputeCapability(computeMajor, computeMinor);
        EngineKey.requireVersion(Objects.requireNonNull(tensorRtVersion, "tensorRtVersion"));
    }

    /** The architecture as CUDA names it, e.g. {@code sm90} for an H100. */
    public String smArch() {
        return "sm" + computeMajor + computeMinor;
    }

    /** The compute capability as {@code nvidia-smi} prints it, e.g. {@code 9.0}. */
    public String computeCapability() {
        return computeMajor + "." + computeMinor;
    }

    @Override
    public String toString() {
        return smArch() + " / TensorRT " + tensorRtVersion;
    }
}

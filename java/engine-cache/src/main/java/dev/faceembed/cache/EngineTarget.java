package dev.faceembed.cache;

import java.util.Objects;

/**
 * What a serialised TensorRT engine is tied to besides its model and settings: the GPU architecture (compute
 * capability), the exact TensorRT version, and the GPU model. TensorRT advises against running an engine on another
 * GPU model even of the same architecture (its tactics were timed there), unless it was built hardware-compatible
 * ({@code HardwareCompatibilityLevel::kSAME_COMPUTE_CAPABILITY}); such engines have an empty {@code gpuModel} and
 * run on every GPU of their compute capability.
 *
 * @param computeMajor    compute capability, major (9 for sm90)
 * @param computeMinor    compute capability, minor
 * @param tensorRtVersion e.g. {@code 10.16.0}
 * @param gpuModel        the GPU's name as the driver reports it (e.g. {@code NVIDIA H100 80GB HBM3}), or empty for a
 *                        hardware-compatible engine
 */
public record EngineTarget(int computeMajor, int computeMinor, String tensorRtVersion, String gpuModel) {
    /** Checks the compute capability and TensorRT version; strips the GPU model. */
    public EngineTarget {
        EngineKey.requireComputeCapability(computeMajor, computeMinor);
        EngineKey.requireVersion(Objects.requireNonNull(tensorRtVersion, "tensorRtVersion"));
        gpuModel = Objects.requireNonNull(gpuModel, "gpuModel").strip();
        if (gpuModel.length() > 256 || gpuModel.chars().anyMatch(c -> c < 0x20)) {
            throw new IllegalArgumentException("a GPU model name is at most 256 printable characters");
        }
    }

    /**
     * A target any GPU of this compute capability can run (a hardware-compatible build).
     *
     * @return this target without a GPU model
     */
    public EngineTarget anyGpuOfThisArchitecture() {
        return new EngineTarget(computeMajor, computeMinor, tensorRtVersion, "");
    }

    /**
     * Whether engines for this target run on every GPU of its compute capability.
     *
     * @return {@code true} when no GPU model is named
     */
    public boolean isHardwareCompatible() {
        return gpuModel.isEmpty();
    }

    /**
     * Whether an engine built for this target may run on {@code machine}.
     *
     * @param machine a target with the machine's GPU model
     * @return whether compute capability, TensorRT version and (unless hardware-compatible) GPU model match
     */
    public boolean runsOn(EngineTarget machine) {
        return computeMajor == machine.computeMajor && computeMinor == machine.computeMinor
                && tensorRtVersion.equals(machine.tensorRtVersion)
                && (isHardwareCompatible() || gpuModel.equals(machine.gpuModel));
    }

    /**
     * The architecture as CUDA names it.
     *
     * @return e.g. {@code sm90} for an H100
     */
    public String smArch() {
        return "sm" + computeMajor + computeMinor;
    }

    /**
     * The compute capability as {@code nvidia-smi} prints it.
     *
     * @return e.g. {@code 9.0}
     */
    public String computeCapability() {
        return computeMajor + "." + computeMinor;
    }

    @Override
    public String toString() {
        return smArch() + (isHardwareCompatible() ? " (any GPU)" : " " + gpuModel) + " / TensorRT " + tensorRtVersion;
    }
}

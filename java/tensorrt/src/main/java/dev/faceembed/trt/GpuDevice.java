package dev.faceembed.trt;

/**
 * One CUDA device as the shim reports it (read without creating a context on it).
 *
 * @param index           CUDA device index
 * @param name            e.g. {@code NVIDIA H100 80GB HBM3}
 * @param uuid            the driver's UUID, {@code GPU-...}
 * @param computeMajor    compute capability, major
 * @param computeMinor    compute capability, minor
 * @param multiprocessors streaming multiprocessors
 * @param pciBusId        e.g. {@code 0000:3b:00.0}
 * @param totalMemoryMb   device memory in MiB
 */
public record GpuDevice(int index, String name, String uuid, int computeMajor, int computeMinor,
                        int multiprocessors, String pciBusId, long totalMemoryMb) {

    /**
     * {@code sm90} style architecture name, as used in engine file names.
     *
     * @return {@code sm} and the compute capability
     */
    public String arch() {
        return "sm" + computeMajor + computeMinor;
    }

    @Override
    public String toString() {
        return "cuda:" + index + " " + name + " (" + arch() + ", " + totalMemoryMb + " MiB)";
    }
}

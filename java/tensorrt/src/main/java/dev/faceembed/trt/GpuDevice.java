package dev.faceembed.trt;

/**
 * One CUDA device as the shim reports it.
 *
 * @param index           CUDA device index
 * @param name            e.g. {@code NVIDIA H100 80GB HBM3}
 * @param computeMajor    compute capability, major
 * @param computeMinor    compute capability, minor
 * @param multiprocessors streaming multiprocessors
 * @param totalMemoryMb   device memory in MiB
 * @param freeMemoryMb    free device memory in MiB when probed
 */
public record GpuDevice(int index, String name, int computeMajor, int computeMinor, int multiprocessors,
                        long totalMemoryMb, long freeMemoryMb) {

    /** {@code sm90} style architecture name, as used in engine file names. */
    public String arch() {
        return "sm" + computeMajor + computeMinor;
    }

    @Override
    public String toString() {
        return "cuda:" + index + " " + name + " (" + arch() + ", " + totalMemoryMb + " MiB)";
    }
}

package dev.faceembed.onnxruntime;

/** Where ONNX Runtime runs the model: its CPU kernels, or a GPU execution provider of a GPU build. */
public enum ExecutionProvider {
    /** ONNX Runtime's own CPU kernels, in every build. */
    CPU("CPUExecutionProvider"),
    /** ONNX Runtime's CUDA execution provider (needs a GPU build of ONNX Runtime, CUDA 12 and cuDNN 9). */
    CUDA("CUDAExecutionProvider"),
    /** ONNX Runtime's TensorRT execution provider (a GPU build of ONNX Runtime and TensorRT). */
    TENSORRT("TensorrtExecutionProvider");

    private final String ortName;

    ExecutionProvider(String ortName) {
        this.ortName = ortName;
    }

    /**
     * The name {@code GetAvailableProviders} reports.
     *
     * @return e.g. {@code CUDAExecutionProvider}
     */
    public String ortName() {
        return ortName;
    }
}

/**
 * The {@code tensorrt} backend: TensorRT 10 engines on NVIDIA GPUs through faceembed's native shim, resolved from
 * the engine cache or built. Found by {@code EmbeddingBackends} through {@link dev.faceembed.spi.BackendProvider}.
 */
module dev.faceembed.tensorrt {
    requires dev.faceembed.core;
    requires dev.faceembed.cache;
    requires dev.faceembed.bindings;
    requires dev.faceembed.files;
    requires org.slf4j;

    exports dev.faceembed.trt;

    provides dev.faceembed.spi.BackendProvider with dev.faceembed.trt.TensorRtProvider;
}

/**
 * faceembed's library: the {@link dev.faceembed.EmbeddingBackend} contract, the backend seam
 * ({@link dev.faceembed.spi.BackendProvider}), configuration, models, preprocessing, batching, the
 * face detector in front of the embedder ({@link dev.faceembed.detect.FacePipeline}), and the {@code onnxruntime}
 * backend.
 */
module dev.faceembed.core {
    requires dev.faceembed.files;
    requires dev.faceembed.bindings;
    requires org.slf4j;
    requires org.yaml.snakeyaml;
    requires transitive java.desktop;
    requires jdk.management;

    exports dev.faceembed;
    exports dev.faceembed.batching;
    exports dev.faceembed.config;
    exports dev.faceembed.detect;
    exports dev.faceembed.model;
    exports dev.faceembed.onnxruntime;
    exports dev.faceembed.preprocess;
    exports dev.faceembed.spi;
    exports dev.faceembed.internal to dev.faceembed.tensorrt;

    uses dev.faceembed.spi.BackendProvider;

    provides dev.faceembed.spi.BackendProvider with dev.faceembed.onnxruntime.OnnxRuntimeProvider;
}

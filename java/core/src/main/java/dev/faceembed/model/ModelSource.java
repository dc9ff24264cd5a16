package dev.faceembed.model;

import java.nio.file.Path;

/** Where a model's bytes come from. */
public sealed interface ModelSource {

    /**
     * An ONNX file on disk (external data files next to it are found by ONNX Runtime).
     *
     * @param path the file
     */
    record File(Path path) implements ModelSource {
        @Override
        public String toString() {
            return path.toString();
        }
    }

    /**
     * A model bundled on the class path, e.g. {@code dev/faceembed/models/fr_feature_dynbatch.onnx}.
     *
     * @param name the resource's name, without a leading slash
     */
    record Resource(String name) implements ModelSource {
        @Override
        public String toString() {
            return "classpath:" + name;
        }
    }
}

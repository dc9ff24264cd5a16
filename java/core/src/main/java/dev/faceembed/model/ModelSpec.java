package dev.faceembed.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model to load: a name, where its bytes are, the sha256 they must have (or {@code null} to accept any), and the
 * preprocessing the model expects.
 */
public record ModelSpec(String name, ModelSource source, String sha256, Preprocessing preprocessing) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(preprocessing, "preprocessing");
    }

    /** The default model bundled with faceembed (see {@code models/manifest.yaml}). */
    public static ModelSpec bundledDefault() {
        return ModelManifest.bundled().defaultModel();
    }

    /** An ONNX file with the given preprocessing, named after the file. */
    public static ModelSpec file(Path path, Preprocessing preprocessing) {
        String fileName = path.getFileName().toString();
        String name = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return new ModelSpec(name, new ModelSource.File(path), null, preprocessing);
    }
}

package dev.faceembed.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model to load: a name, where its bytes are, the sha256 they must have (or {@code null} to accept any), the
 * preprocessing the model expects, and the precision it computes in (what diagnostics report).
 */
public record ModelSpec(String name, ModelSource source, String sha256, Preprocessing preprocessing,
                        ModelPrecision precision) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(precision, "precision");
    }

    /** A float32 model. */
    public ModelSpec(String name, ModelSource source, String sha256, Preprocessing preprocessing) {
        this(name, source, sha256, preprocessing, ModelPrecision.FP32);
    }

    /** The default model bundled with faceembed (see {@code models/manifest.yaml}). */
    public static ModelSpec bundledDefault() {
        return ModelManifest.bundled().defaultModel();
    }

    /**
     * The bundled default model in {@code precision}: the model itself for fp32, its quantised variant for int8.
     *
     * @throws dev.faceembed.ModelException if the manifest has no such variant
     */
    public static ModelSpec bundled(ModelPrecision precision) {
        return ModelManifest.bundled().defaultModel(precision);
    }

    /** An ONNX file with the given preprocessing, named after the file. */
    public static ModelSpec file(Path path, Preprocessing preprocessing) {
        String fileName = path.getFileName().toString();
        String name = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return new ModelSpec(name, new ModelSource.File(path), null, preprocessing);
    }
}

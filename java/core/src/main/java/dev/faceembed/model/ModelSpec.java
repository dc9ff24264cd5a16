package dev.faceembed.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model to load: a name, where its bytes are, the sha256 they must have (or {@code null} to accept any), the
 * preprocessing the model expects, and the precision it computes in (what diagnostics report).
 *
 * @param name          the model's name, for messages and diagnostics
 * @param source        where its bytes are
 * @param sha256        the sha256 its bytes must have, hex, or {@code null} to accept any
 * @param preprocessing what the model expects of a crop
 * @param precision     what it computes in: fp32, or int8 for a static QDQ model
 */
public record ModelSpec(String name, ModelSource source, String sha256, Preprocessing preprocessing,
                        ModelPrecision precision) {
    /**
     * Checks the spec.
     *
     * @throws NullPointerException if any component but {@code sha256} is null
     */
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(preprocessing, "preprocessing");
        Objects.requireNonNull(precision, "precision");
    }

    /**
     * A float32 model.
     *
     * @param name          the model's name, for messages and diagnostics
     * @param source        where its bytes are
     * @param sha256        the sha256 its bytes must have, hex, or {@code null} to accept any
     * @param preprocessing what the model expects of a crop
     */
    public ModelSpec(String name, ModelSource source, String sha256, Preprocessing preprocessing) {
        this(name, source, sha256, preprocessing, ModelPrecision.FP32);
    }

    /**
     * The default model bundled with faceembed (see {@code models/manifest.yaml}).
     *
     * @return the spec, with its sha256
     */
    public static ModelSpec bundledDefault() {
        return ModelManifest.bundled().defaultModel();
    }

    /**
     * The bundled default model in {@code precision}: the model itself for fp32, its quantised variant for int8.
     *
     * @param precision the precision wanted
     * @return the spec, with its sha256
     * @throws dev.faceembed.ModelException if the manifest has no such variant
     */
    public static ModelSpec bundled(ModelPrecision precision) {
        return ModelManifest.bundled().defaultModel(precision);
    }

    /**
     * An ONNX file with the given preprocessing, named after the file; any sha256 is accepted. The file is not read:
     * {@link ModelFileSpec#of} reads it and works out the preprocessing.
     *
     * @param path          the file
     * @param preprocessing what the model expects of a crop
     * @return the spec, named after the file without {@code .onnx}
     */
    public static ModelSpec file(Path path, Preprocessing preprocessing) {
        String fileName = path.getFileName().toString();
        String name = fileName.endsWith(".onnx") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return new ModelSpec(name, new ModelSource.File(path), null, preprocessing);
    }
}

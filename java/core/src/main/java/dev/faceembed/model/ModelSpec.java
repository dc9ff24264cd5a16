package dev.faceembed.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model to load: a name, where its bytes are, the sha256 they must have (or {@code null} to accept any), and the
 * preprocessing the model expects.
 *
 * @param name          the model's name, for messages and diagnostics
 * @param source        where its bytes are
 * @param sha256        the sha256 its bytes must have, hex, or {@code null} to accept any
 * @param preprocessing what the model expects of a crop
 */
public record ModelSpec(String name, ModelSource source, String sha256, Preprocessing preprocessing) {
    /**
     * Checks the spec.
     *
     * @throws NullPointerException if {@code name}, {@code source} or {@code preprocessing} is null
     */
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(preprocessing, "preprocessing");
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

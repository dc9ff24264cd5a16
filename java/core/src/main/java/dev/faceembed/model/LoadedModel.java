package dev.faceembed.model;

import java.nio.file.Path;
import java.util.Map;

/**
 * A model whose bytes were found and checked: either a file (handed to ONNX Runtime by path, so external data next
 * to it is found) or the bytes of a bundled model.
 *
 * @param spec     what was asked for
 * @param sha256   the sha256 of the model file's bytes, lower-case hex
 * @param size     size in bytes
 * @param file     the file, or {@code null} for a bundled model
 * @param bytes    the bundled model's bytes, or {@code null} for a file
 * @param metadata the model's {@code metadata_props}
 */
public record LoadedModel(ModelSpec spec, String sha256, long size, Path file, byte[] bytes,
                          Map<String, String> metadata) {

    /**
     * Where the model came from, for messages and diagnostics.
     *
     * @return the file path or class path resource of the model's source
     */
    public String location() {
        return spec.source().toString();
    }
}

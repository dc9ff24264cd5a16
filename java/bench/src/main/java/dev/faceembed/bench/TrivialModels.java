package dev.faceembed.bench;

import dev.faceembed.bindings.testing.OnnxModelWriter;
import dev.faceembed.model.ModelSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Models that cost almost nothing to run, so a benchmark measures the binding around them. */
final class TrivialModels {
    private TrivialModels() {
    }

    /**
     * An "embedder" of the bundled model's shape that only averages each colour plane:
     * GlobalAveragePool [N,3,112,112] to [N,3,1,1], Flatten to [N,3].
     */
    static ModelSpec pooling() {
        byte[] model = new OnnxModelWriter()
                .input("input", OnnxModelWriter.FLOAT, "N", 3L, 112L, 112L)
                .node("GlobalAveragePool", List.of("input"), List.of("pooled"))
                .node("Flatten", List.of("pooled"), List.of("output"))
                .output("output", OnnxModelWriter.FLOAT, "N", 3L)
                .build();
        return ModelSpec.file(write("faceembed-pooling", model), ModelSpec.bundledDefault().preprocessing());
    }

    /**
     * The smallest model of the embedding shape: one Flatten node, [N,3,1,1] to [N,3]. A call costs the binding and
     * ONNX Runtime's fixed overhead and nothing else.
     */
    static Path flatten() {
        byte[] model = new OnnxModelWriter()
                .input("input", OnnxModelWriter.FLOAT, "N", 3L, 1L, 1L)
                .node("Flatten", List.of("input"), List.of("output"))
                .output("output", OnnxModelWriter.FLOAT, "N", 3L)
                .build();
        return write("faceembed-flatten", model);
    }

    private static Path write(String name, byte[] model) {
        try {
            Path file = Files.createTempFile(name, ".onnx");
            file.toFile().deleteOnExit();
            return Files.write(file, model);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

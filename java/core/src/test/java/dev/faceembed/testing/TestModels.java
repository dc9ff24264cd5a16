package dev.faceembed.testing;

import dev.faceembed.CropSize;
import dev.faceembed.Device;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.bindings.testing.OnnxModelWriter;
import dev.faceembed.model.ChannelOrder;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Tiny ONNX models written into a test's temporary directory. */
public final class TestModels {
    /** Preprocessing of the stand-in models: RGB, (x - 100) / 50, crops of 4x4. */
    public static final Preprocessing TINY = new Preprocessing(new CropSize(4, 4), ChannelOrder.RGB,
            List.of(100.0, 100.0, 100.0), List.of(50.0, 50.0, 50.0));

    private TestModels() {
    }

    /**
     * A stand-in embedding model: Flatten of a [batch, 3, 4, 4] input into [batch, 48], so the embedding of a crop
     * is its preprocessed values, normalised.
     */
    public static ModelSpec flatten(Path dir, Object batch) {
        byte[] model = new OnnxModelWriter()
                .input("pixels", OnnxModelWriter.FLOAT, batch, 3L, 4L, 4L)
                .node("Flatten", List.of("pixels"), List.of("embedding"))
                .output("embedding", OnnxModelWriter.FLOAT, batch, 48L)
                .build();
        return ModelSpec.file(write(dir, "flatten-" + batch + ".onnx", model), TINY);
    }

    /** The onnxruntime backend on the CPU for {@code model}, without fallback. */
    public static EmbeddingBackend backend(ModelSpec model, OnnxRuntimeOptions options, int maxBatchSize) {
        return EmbeddingBackends.create(EmbeddingOptions.defaults().withModel(model).withDevice(Device.cpu())
                .withSection(OnnxRuntimeOptions.SECTION, options).withMaxBatchSize(maxBatchSize)
                .withAllowCpuFallback(false));
    }

    /** Writes {@code bytes} to {@code dir/name}. */
    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

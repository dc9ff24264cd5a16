package dev.faceembed.model;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.FaceBatch;
import dev.faceembed.ModelException;
import dev.faceembed.bindings.testing.OnnxModelWriter;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import dev.faceembed.preprocess.SyntheticCrops;
import dev.faceembed.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model that keeps a weight in an external file may name only a file in its own folder, of the weight's size: a
 * model naming /etc/passwd, a path out of its folder or a link pointing out is refused before ONNX Runtime reads
 * anything.
 */
class ExternalDataTest {
    @TempDir
    Path dir;

    /** Flatten then Add of a 48-float weight {@code w} kept in external data with these entries. */
    private Path model(String name, Map<String, String> entries) throws IOException {
        return Files.write(dir.resolve(name), externalWeightModel(entries));
    }

    /** The model of {@link #model}, as bytes. */
    static byte[] externalWeightModel(Map<String, String> entries) {
        return new OnnxModelWriter()
                .input("pixels", OnnxModelWriter.FLOAT, "N", 3L, 4L, 4L)
                .node("Flatten", List.of("pixels"), List.of("flat"))
                .node("Add", List.of("flat", "w"), List.of("embedding"))
                .output("embedding", OnnxModelWriter.FLOAT, "N", 48L)
                .externalInitializer("w", new long[]{48}, entries)
                .build();
    }

    private static byte[] weights(float value) {
        ByteBuffer b = ByteBuffer.allocate(48 * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 48; i++) {
            b.putFloat(value);
        }
        return b.array();
    }

    @Test
    void dataInsideTheModelsFolderIsUsed() throws IOException {
        Files.write(dir.resolve("w.bin"), weights(0.5f));
        Path file = model("good.onnx", Map.of("location", "w.bin"));
        try (EmbeddingBackend backend = TestModels.backend(ModelSpec.file(file, TestModels.TINY),
                OnnxRuntimeOptions.defaults(), 8); Arena arena = Arena.ofConfined()) {
            FaceBatch crops = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, backend.cropSize(), 1);
            SyntheticCrops.fill(crops, 1);
            assertEquals(48, backend.encode(crops).dim());
        }
    }

    @Test
    void dataOutsideTheFolderIsRefused() throws IOException {
        Path outside = Files.write(dir.getParent().resolve("outside-" + dir.getFileName() + ".bin"), weights(1f));
        try {
            assertRefused(model("absolute.onnx", Map.of("location", outside.toString())), "an absolute path");
            assertRefused(model("passwd.onnx", Map.of("location", "/etc/passwd")), "an absolute path");
            assertRefused(model("dotdot.onnx", Map.of("location", "../../../../etc/passwd")),
                    "outside the model's folder");
            assertRefused(model("up.onnx", Map.of("location", "../" + outside.getFileName())),
                    "outside the model's folder");
            Files.createSymbolicLink(dir.resolve("link.bin"), outside);
            assertRefused(model("link.onnx", Map.of("location", "link.bin")), "a link to " + outside.toRealPath());
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void dataThatDoesNotFitTheTensorIsRefused() throws IOException {
        Files.write(dir.resolve("short.bin"), new byte[100]);
        Files.createDirectory(dir.resolve("folder.bin"));
        Files.write(dir.resolve("w.bin"), weights(0.5f));
        assertRefused(model("short.onnx", Map.of("location", "short.bin")), "the tensor needs bytes 0..192");
        assertRefused(model("offset.onnx", Map.of("location", "w.bin", "offset", "64")), "the tensor needs bytes");
        assertRefused(model("length.onnx", Map.of("location", "w.bin", "length", "100")),
                "whose length 100 is not the tensor's 192 bytes");
        assertRefused(model("missing.onnx", Map.of("location", "nowhere.bin")), "which does not exist");
        assertRefused(model("folder.onnx", Map.of("location", "folder.bin")), "not a regular file");
        assertRefused(model("negative.onnx", Map.of("location", "w.bin", "offset", "-4")), "is negative");
        assertRefused(model("unknown.onnx", Map.of("location", "w.bin", "url", "http://x")), "unknown entry 'url'");
        assertRefused(model("nolocation.onnx", Map.of("offset", "0")), "with no location");
    }

    private static void assertRefused(Path model, String fragment) {
        ModelException e = assertThrows(ModelException.class, () -> ModelLoader.load(
                ModelSpec.file(model, TestModels.TINY)));
        assertTrue(e.getMessage().contains("tensor 'w' keeps its data in external file")
                && e.getMessage().contains(fragment), e.getMessage());
    }
}

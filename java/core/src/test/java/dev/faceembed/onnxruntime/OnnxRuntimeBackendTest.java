package dev.faceembed.onnxruntime;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.Device;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.ModelException;
import dev.faceembed.bindings.testing.OnnxModelWriter;
import dev.faceembed.config.ConfigException;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backend's contract on stand-in models whose correct output is known exactly. */
class OnnxRuntimeBackendTest {
    @TempDir
    Path dir;

    private EmbeddingBackend backend(ModelSpec model, int maxBatchSize) {
        return new OnnxRuntimeBackend(model, OnnxRuntimeOptions.defaults(), Device.cpu(), maxBatchSize);
    }

    /** Crop {@code i} holds values {@code i + j/100}: distinct rows whose normalised flatten is easy to check. */
    private static FaceBatch floatCrops(Arena arena, int count) {
        FaceBatch batch = FaceBatch.allocate(arena, CropLayout.FLOAT32_NCHW, new CropSize(4, 4), count);
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < 48; j++) {
                batch.segment().setAtIndex(ValueLayout.JAVA_FLOAT, i * 48L + j, i + j / 100f);
            }
        }
        return batch;
    }

    private static float[] expectedRow(int i) {
        double sum = 0;
        for (int j = 0; j < 48; j++) {
            sum += Math.pow(i + j / 100f, 2);
        }
        float[] row = new float[48];
        for (int j = 0; j < 48; j++) {
            row[j] = (float) ((i + j / 100f) / Math.sqrt(sum));
        }
        return row;
    }

    @Test
    void modelShapeIsReadFromTheModel() {
        try (EmbeddingBackend b = backend(TestModels.flatten(dir, "batch"), 8)) {
            assertEquals(48, b.embeddingDim());
            assertEquals(new CropSize(4, 4), b.cropSize());
            Diagnostics d = b.diagnostics();
            assertEquals("onnxruntime", d.backend().name());
            assertEquals(48, d.model().embeddingDim());
            assertEquals(8, d.backend().maxBatchSize());
            assertEquals("1.23.2", d.backend().versions().get("onnxruntime"));
            assertEquals(64, d.model().sha256().length());
            assertTrue(d.fallback().isEmpty());
        }
    }

    @Test
    void floatCropsAreEncodedAndNormalisedIntoCallerMemory() {
        try (Arena arena = Arena.ofConfined(); EmbeddingBackend b = backend(TestModels.flatten(dir, "batch"), 64)) {
            FaceBatch crops = floatCrops(arena, 5);
            MemorySegment out = arena.allocate(5 * 48 * 4L);
            b.encodeInto(crops, out);
            Embeddings e = Embeddings.view(out, 5, 48);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(expectedRow(i), e.row(i), 1e-6f, "row " + i);
            }
        }
    }

    @Test
    void batchesLargerThanTheLimitAreSplitInOrder() {
        try (Arena arena = Arena.ofConfined(); EmbeddingBackend b = backend(TestModels.flatten(dir, "batch"), 3)) {
            Embeddings e = b.encode(floatCrops(arena, 10));
            for (int i = 0; i < 10; i++) {
                assertArrayEquals(expectedRow(i), e.row(i), 1e-6f, "row " + i);
            }
        }
    }

    @Test
    void fixedBatchModelsRunOneCropAtATime() {
        try (Arena arena = Arena.ofConfined(); EmbeddingBackend b = backend(TestModels.flatten(dir, 1L), 64)) {
            assertEquals(1, b.diagnostics().backend().maxBatchSize());
            Embeddings e = b.encode(floatCrops(arena, 4));
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(expectedRow(i), e.row(i), 1e-6f, "row " + i);
            }
        }
    }

    @Test
    void uint8CropsGetTheModelsPreprocessing() {
        try (Arena arena = Arena.ofConfined(); EmbeddingBackend b = backend(TestModels.flatten(dir, "batch"), 2)) {
            FaceBatch crops = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, new CropSize(4, 4), 3);
            for (int i = 0; i < 3 * 48; i++) {
                crops.segment().set(ValueLayout.JAVA_BYTE, i, (byte) (i * 7 % 256));
            }
            Embeddings e = b.encode(crops);
            for (int c = 0; c < 3; c++) {
                float[] expected = new float[48];
                double sum = 0;
                for (int plane = 0; plane < 3; plane++) {
                    for (int p = 0; p < 16; p++) {
                        int pixel = (c * 48 + p * 3 + plane) * 7 % 256;
                        expected[plane * 16 + p] = (pixel - 100f) / 50f;
                        sum += Math.pow(expected[plane * 16 + p], 2);
                    }
                }
                for (int j = 0; j < 48; j++) {
                    expected[j] = (float) (expected[j] / Math.sqrt(sum));
                }
                assertArrayEquals(expected, e.row(c), 1e-6f, "crop " + c);
            }
        }
    }

    @Test
    void anEmptyBatchGivesAnEmptyResult() {
        try (Arena arena = Arena.ofConfined(); EmbeddingBackend b = backend(TestModels.flatten(dir, "batch"), 8)) {
            Embeddings e = b.encode(floatCrops(arena, 3).setCount(0));
            assertEquals(0, e.count());
            assertEquals(48, e.dim());
        }
    }

    @Test
    void badCallsAreRejectedWithTheirReason() {
        try (Arena arena = Arena.ofConfined(); EmbeddingBackend b = backend(TestModels.flatten(dir, "batch"), 8)) {
            FaceBatch wrongSize = FaceBatch.allocate(arena, CropLayout.FLOAT32_NCHW, new CropSize(5, 5), 1);
            assertMessage(InvalidInputException.class, "crops are 5x5 but model flatten-batch takes 4x4",
                    () -> b.encode(wrongSize));

            FaceBatch crops = floatCrops(arena, 2);
            assertMessage(InvalidInputException.class, "output segment too small: 2 embeddings of 48 floats need 384",
                    () -> b.encodeInto(crops, arena.allocate(100)));
            assertMessage(InvalidInputException.class, "output must be writable native memory",
                    () -> b.encodeInto(crops, MemorySegment.ofArray(new float[96])));
            assertMessage(InvalidInputException.class, "segment too small: 3 crops",
                    () -> FaceBatch.wrap(arena.allocate(100), CropLayout.FLOAT32_NCHW, new CropSize(4, 4), 3));
            assertMessage(InvalidInputException.class, "float32 crops must be in native memory",
                    () -> b.encode(FaceBatch.wrap(MemorySegment.ofArray(new float[48]), CropLayout.FLOAT32_NCHW,
                            new CropSize(4, 4), 1)));

            crops.segment().setAtIndex(ValueLayout.JAVA_FLOAT, 60, Float.NaN);
            assertMessage(InvalidInputException.class, "float32 crops contain NaN at float index 60",
                    () -> b.encode(crops));
            crops.segment().setAtIndex(ValueLayout.JAVA_FLOAT, 60, Float.NEGATIVE_INFINITY);
            assertMessage(InvalidInputException.class, "contain -Infinity", () -> b.encode(crops));
        }
    }

    @Test
    void aClosedBackendRefusesEveryCall() {
        try (Arena arena = Arena.ofConfined()) {
            EmbeddingBackend b = backend(TestModels.flatten(dir, "batch"), 8);
            FaceBatch crops = floatCrops(arena, 1);
            b.encode(crops);
            b.close();
            b.close();
            assertMessage(BackendClosedException.class, "backend is closed", () -> b.encode(crops));
            assertThrows(BackendClosedException.class, b::ensureReady);
            assertThrows(BackendClosedException.class, b::diagnostics);
        }
    }

    @Test
    void missingAndInvalidModelsAreModelErrors() {
        ModelSpec missing = ModelSpec.file(dir.resolve("nope.onnx"), TestModels.TINY);
        assertMessage(ModelException.class, "model file not found", () -> backend(missing, 8).ensureReady());

        ModelSpec empty = ModelSpec.file(TestModels.write(dir, "empty.onnx", new byte[0]), TestModels.TINY);
        assertMessage(ModelException.class, "model file is empty", () -> backend(empty, 8).ensureReady());

        ModelSpec text = ModelSpec.file(TestModels.write(dir, "text.onnx", "not a model".getBytes()),
                TestModels.TINY);
        assertMessage(ModelException.class, "is not a valid ONNX model", () -> backend(text, 8).ensureReady());

        ModelSpec wrongHash = new ModelSpec("flatten", TestModels.flatten(dir, "batch").source(), "00".repeat(32),
                TestModels.TINY);
        assertMessage(ModelException.class, "expected 0000", () -> backend(wrongHash, 8).ensureReady());
    }

    @Test
    void modelsThatAreNotFaceEmbeddersAreExplained() {
        assertShapeRejected("input ids int64[N,3,4,4]", new OnnxModelWriter()
                .input("ids", OnnxModelWriter.INT64, "N", 3L, 4L, 4L)
                .node("Flatten", List.of("ids"), List.of("out"))
                .output("out", OnnxModelWriter.INT64, "N", 48L));
        assertShapeRejected("input x float32[N,48]", new OnnxModelWriter()
                .input("x", OnnxModelWriter.FLOAT, "N", 48L)
                .node("Identity", List.of("x"), List.of("out"))
                .output("out", OnnxModelWriter.FLOAT, "N", 48L));
        assertShapeRejected("has 2 inputs", new OnnxModelWriter()
                .input("a", OnnxModelWriter.FLOAT, "N", 3L, 4L, 4L)
                .input("b", OnnxModelWriter.FLOAT, "N", 3L, 4L, 4L)
                .node("Add", List.of("a", "b"), List.of("s"))
                .node("Flatten", List.of("s"), List.of("out"))
                .output("out", OnnxModelWriter.FLOAT, "N", 48L));
        assertShapeRejected("fixed embedding size D", new OnnxModelWriter()
                .input("x", OnnxModelWriter.FLOAT, "N", 3L, "H", "W")
                .node("Flatten", List.of("x"), List.of("out"))
                .output("out", OnnxModelWriter.FLOAT, "N", "D"));
        assertShapeRejected("batch dimension must be dynamic or 1", new OnnxModelWriter()
                .input("x", OnnxModelWriter.FLOAT, 4L, 3L, 4L, 4L)
                .node("Flatten", List.of("x"), List.of("out"))
                .output("out", OnnxModelWriter.FLOAT, 4L, 48L));
    }

    /** A model that declares a crop no face crop needs (and no machine could batch) is refused before allocating. */
    @Test
    void aGiganticDeclaredInputIsRefused() {
        assertShapeRejected("input x float32[N,3,100000,100000], which is larger than a face crop faceembed takes"
                + " (at most 4096x4096)", new OnnxModelWriter()
                .input("x", OnnxModelWriter.FLOAT, "N", 3L, 100_000L, 100_000L)
                .node("ReduceMean", List.of("x"), List.of("m"))
                .node("Flatten", List.of("m"), List.of("out"))
                .output("out", OnnxModelWriter.FLOAT, "N", 1L));
    }

    /** A batch limit whose runs the machine cannot hold is refused before the first run, with the limit that fits. */
    @Test
    void aBatchLimitBeyondTheMachinesMemoryIsRefused() {
        try (EmbeddingBackend backend = TestModels.backend(ModelSpec.bundledDefault(), OnnxRuntimeOptions.defaults(),
                65536)) {
            ConfigException e = assertThrows(ConfigException.class, backend::ensureReady);
            assertTrue(e.getMessage().startsWith("embedding.max_batch_size 65536 on 1 session(s) needs about ")
                    && e.getMessage().contains("this machine can spare (half its memory): use at most "),
                    e.getMessage());
        }
    }

    /** Output with no direction (all zeros, or values below float's normal range) is an error naming the crop. */
    @Test
    void outputThatCannotBeNormalisedIsRefused() {
        for (float factor : new float[]{0f, 1e-40f}) {
            byte[] model = new OnnxModelWriter()
                    .input("pixels", OnnxModelWriter.FLOAT, "N", 3L, 4L, 4L)
                    .initializer("factor", new long[0], new float[]{factor})
                    .node("Flatten", List.of("pixels"), List.of("flat"))
                    .node("Mul", List.of("flat", "factor"), List.of("embedding"))
                    .output("embedding", OnnxModelWriter.FLOAT, "N", 48L)
                    .build();
            ModelSpec spec = ModelSpec.file(TestModels.write(dir, "scaled.onnx", model), TestModels.TINY);
            try (EmbeddingBackend b = backend(spec, 8); Arena arena = Arena.ofConfined()) {
                FaceBatch crops = floatCrops(arena, 2);
                assertMessage(InvalidInputException.class, "embedding 0 has norm", () -> b.encode(crops));
            }
        }
    }

    private void assertShapeRejected(String expected, OnnxModelWriter model) {
        ModelSpec spec = ModelSpec.file(TestModels.write(dir, "bad.onnx", model.build()), TestModels.TINY);
        assertMessage(ModelException.class, expected, () -> backend(spec, 8).ensureReady());
    }

    static void assertMessage(Class<? extends Throwable> type, String fragment,
                              org.junit.jupiter.api.function.Executable call) {
        Throwable t = assertThrows(type, call);
        assertTrue(t.getMessage().contains(fragment), "expected '" + fragment + "' in: " + t.getMessage());
    }
}

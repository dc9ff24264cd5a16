package dev.faceembed.onnxruntime;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.preprocess.CropConverter;
import dev.faceembed.preprocess.SyntheticCrops;
import dev.faceembed.testing.ReferenceFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundled model through our binding against the embeddings Python onnxruntime produced for the same seeded
 * crops: max abs difference <= 1e-4 and cosine >= 0.99999 per row, for uint8 and float input, at batch sizes 1, 7
 * and 64.
 */
class ReferenceParityTest {
    private static final double MAX_ABS = 1e-4;
    private static final double MIN_COSINE = 0.99999;

    private static Arena arena;
    private static FaceBatch uint8;
    private static FaceBatch float32;
    private static float[] reference;
    private static EmbeddingBackend backend;

    @BeforeAll
    static void setUp() throws Exception {
        arena = Arena.ofShared();
        backend = EmbeddingBackends.create(EmbeddingOptions.defaults());
        uint8 = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, backend.cropSize(), ReferenceFixture.COUNT);
        SyntheticCrops.fill(uint8, ReferenceFixture.SEED);
        byte[] bytes = uint8.segment().asSlice(0, uint8.capacity() * uint8.cropBytes()).toArray(
                java.lang.foreign.ValueLayout.JAVA_BYTE);
        assertEquals(ReferenceFixture.CROPS_SHA256,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
                "the crops are the ones the Python reference was made from");

        Preprocessing pre = EmbeddingOptions.defaults().model().preprocessing();
        float32 = FaceBatch.allocate(arena, CropLayout.FLOAT32_NCHW, backend.cropSize(), ReferenceFixture.COUNT);
        new CropConverter(pre, backend.cropSize()).convert(uint8.segment(), 0, ReferenceFixture.COUNT,
                float32.segment());
        reference = ReferenceFixture.rawEmbeddings();
    }

    @AfterAll
    static void tearDown() {
        backend.close();
        arena.close();
    }

    @ParameterizedTest(name = "uint8 crops, batch {0}")
    @ValueSource(ints = {1, 7, 64})
    void uint8CropsMatchPythonOnnxRuntime(int batchSize) {
        assertParity(encodeInBatches(uint8, batchSize));
    }

    @ParameterizedTest(name = "float32 crops, batch {0}")
    @ValueSource(ints = {1, 7, 64})
    void float32CropsMatchPythonOnnxRuntime(int batchSize) {
        assertParity(encodeInBatches(float32, batchSize));
    }

    @Test
    void flushingDenormalsDoesNotChangeTheEmbeddings() {
        EmbeddingOptions ieee = EmbeddingOptions.defaults()
                .withSection(OnnxRuntimeOptions.SECTION, OnnxRuntimeOptions.defaults().withFlushDenormals(false));
        try (EmbeddingBackend exact = EmbeddingBackends.create(ieee)) {
            Embeddings flushed = backend.encode(float32);
            Embeddings unflushed = exact.encode(float32);
            for (int row = 0; row < ReferenceFixture.COUNT; row++) {
                assertTrue(Embeddings.cosine(flushed.row(row), unflushed.row(row)) >= MIN_COSINE, "row " + row);
            }
        }
    }

    private static float[][] encodeInBatches(FaceBatch all, int batchSize) {
        float[][] rows = new float[ReferenceFixture.COUNT][];
        MemorySegment out = arena.allocate((long) batchSize * ReferenceFixture.DIM * Float.BYTES, 64);
        for (int start = 0; start < ReferenceFixture.COUNT; start += batchSize) {
            int n = Math.min(batchSize, ReferenceFixture.COUNT - start);
            FaceBatch part = FaceBatch.wrap(all.segment().asSlice(start * all.cropBytes(), n * all.cropBytes()),
                    all.layout(), all.size(), n);
            backend.encodeInto(part, out);
            Embeddings e = Embeddings.view(out, n, ReferenceFixture.DIM);
            for (int i = 0; i < n; i++) {
                rows[start + i] = e.row(i);
            }
        }
        return rows;
    }

    private static void assertParity(float[][] rows) {
        for (int row = 0; row < ReferenceFixture.COUNT; row++) {
            double[] expected = ReferenceFixture.normalisedRow(reference, row);
            double maxAbs = 0;
            double dot = 0;
            double norm = 0;
            for (int i = 0; i < ReferenceFixture.DIM; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(rows[row][i] - expected[i]));
                dot += rows[row][i] * expected[i];
                norm += (double) rows[row][i] * rows[row][i];
            }
            double cosine = dot / Math.sqrt(norm);
            assertTrue(maxAbs <= MAX_ABS, "row " + row + ": max abs difference " + maxAbs);
            assertTrue(cosine >= MIN_COSINE, "row " + row + ": cosine " + cosine);
        }
    }
}

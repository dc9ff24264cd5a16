package dev.faceembed.spark;

import dev.faceembed.preprocess.ImageCrops;
import dev.faceembed.BackendUnavailableException;
import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The single-process results the Spark output must equal: {@code EmbeddingBackends.create()} in the test JVM. */
final class Reference implements AutoCloseable {
    static final double MIN_COSINE = 0.99999;

    private final EmbeddingBackend backend = EmbeddingBackends.create();

    int dim() {
        return backend.embeddingDim();
    }

    /** The embedding of one PNG/JPEG crop. */
    float[] encoded(byte[] image) {
        return ImageCrops.encodeEncoded(backend, List.of(image)).row(0);
    }

    /** The embedding of one raw 112x112x3 RGB crop. */
    float[] raw(byte[] crop) {
        return raw(List.of(crop)).getFirst();
    }

    /** The embeddings of raw 112x112x3 RGB crops, in order, from one call. */
    List<float[]> raw(List<byte[]> crops) {
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, crops.size());
            for (int i = 0; i < crops.size(); i++) {
                byte[] crop = crops.get(i);
                MemorySegment.copy(crop, 0, batch.crop(i), ValueLayout.JAVA_BYTE, 0, crop.length);
            }
            Embeddings embeddings = backend.encode(batch);
            return IntStream.range(0, crops.size()).mapToObj(embeddings::row).toList();
        }
    }

    /** Asserts that the {@code embedding} column of {@code row} is {@code expected} up to float noise. */
    static void assertEmbedding(float[] expected, Row row) {
        assertEmbedding(expected, row, FaceEmbedder.EMBEDDING, FaceEmbedder.EMBEDDING_ERROR);
    }

    /**
     * Asserts that column {@code column} of {@code row} ({@code array<float>} or an ML vector) is {@code expected} up
     * to float noise and that its error column {@code error} is null.
     */
    static void assertEmbedding(float[] expected, Row row, String column, String error) {
        assertTrue(row.isNullAt(row.fieldIndex(error)), () -> "unexpected error: " + row.getAs(error));
        Object value = row.getAs(column);
        assertNotNull(value, column);
        float[] actual = value instanceof Vector vector ? toFloats(vector.toArray()) : toArray(row.getList(
                row.fieldIndex(column)));
        assertEquals(expected.length, actual.length, "embedding dimension");
        double cosine = Embeddings.cosine(expected, actual);
        assertTrue(cosine >= MIN_COSINE, () -> "cosine " + cosine + " to the single-process embedding, row " + row);
    }

    /** The sha256 of the model the reference runs. */
    String modelSha256() {
        return backend.diagnostics().model().sha256();
    }

    /** Whether the backend {@code source} configures can run in this JVM (tests of failures need one that cannot). */
    static boolean opens(ConfigSource source) {
        try (EmbeddingBackend backend = EmbeddingBackends.create(source.embeddingOptions())) {
            backend.ensureReady();
            return true;
        } catch (BackendUnavailableException e) {
            return false;
        }
    }

    static float[] toArray(List<Float> values) {
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return array;
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < floats.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    @Override
    public void close() {
        backend.close();
    }
}

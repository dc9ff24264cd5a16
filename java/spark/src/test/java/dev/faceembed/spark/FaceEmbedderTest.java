package dev.faceembed.spark;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.Embeddings;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FaceEmbedderTest {
    private static final StructType INPUT = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("image", DataTypes.BinaryType, true);

    private static SparkSession spark;
    private static Reference reference;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
        reference = new Reference();
    }

    @AfterAll
    static void stop() {
        reference.close();
    }

    @Test
    void encodedImagesEqualTheSingleProcessResultAndBadRowsAreReported() {
        Map<Integer, byte[]> good = new HashMap<>();
        List<byte[]> raw = TestCrops.raw(24, 7);
        for (int i = 0; i < raw.size(); i++) {
            good.put(i, TestCrops.png(raw.get(i)));
        }
        good.put(100, TestCrops.gradient(150, 130, "png"));
        good.put(101, TestCrops.gradient(112, 112, "jpg"));
        List<Row> rows = new ArrayList<>();
        good.forEach((id, image) -> rows.add(RowFactory.create(id, image)));
        rows.add(7, RowFactory.create(200, "not an image".getBytes(StandardCharsets.UTF_8)));
        rows.add(13, RowFactory.create(201, null));
        rows.add(RowFactory.create(202, new byte[0]));
        byte[] truncated = good.get(3);
        rows.add(2, RowFactory.create(203, Arrays.copyOf(truncated, truncated.length / 2)));

        List<Row> out = FaceEmbedder.create(ConfigSource.defaults()).batchSize(5)
                .embed(spark.createDataFrame(rows, INPUT).repartition(3))
                .collectAsList();

        assertEquals(rows.size(), out.size());
        for (Row row : out) {
            int id = row.getInt(0);
            assertEquals("onnxruntime", row.getAs(FaceEmbedder.BACKEND));
            assertNull(row.getAs(FaceEmbedder.FALLBACK_REASON));
            if (good.containsKey(id)) {
                Reference.assertEmbedding(reference.encoded(good.get(id)), row);
            } else {
                assertBadRow(row, id == 201 ? "null" : "image");
            }
        }
        // A row paired with another row's embedding must fail the cosine check above.
        assertTrue(Embeddings.cosine(reference.encoded(good.get(0)), reference.encoded(good.get(1))) < 0.99);
    }

    @Test
    void rawCropsEqualTheSingleProcessResultAndWrongSizesAreReported() {
        List<byte[]> raw = TestCrops.raw(17, 11);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            rows.add(RowFactory.create(i, raw.get(i)));
        }
        rows.add(5, RowFactory.create(100, new byte[100]));
        rows.add(RowFactory.create(101, new byte[TestCrops.RAW_BYTES + 1]));
        rows.add(RowFactory.create(102, TestCrops.png(raw.get(0))));
        rows.add(RowFactory.create(103, null));

        List<Row> out = FaceEmbedder.create(ConfigSource.defaults()).cropEncoding(CropEncoding.RAW_RGB).batchSize(4)
                .embed(spark.createDataFrame(rows, INPUT).repartition(2))
                .collectAsList();

        assertEquals(rows.size(), out.size());
        for (Row row : out) {
            int id = row.getInt(0);
            if (id < raw.size()) {
                Reference.assertEmbedding(reference.raw(raw.get(id)), row);
            } else {
                assertBadRow(row, id == 103 ? "null" : "expected " + TestCrops.RAW_BYTES);
            }
        }
    }

    @Test
    void aPartitionReadOnlyInPartReleasesItsBatch() {
        List<Row> rows = new ArrayList<>();
        List<byte[]> raw = TestCrops.raw(12, 3);
        for (int i = 0; i < raw.size(); i++) {
            rows.add(RowFactory.create(i, raw.get(i)));
        }
        List<Row> out = FaceEmbedder.create(ConfigSource.defaults()).cropEncoding(CropEncoding.RAW_RGB).batchSize(4)
                .embed(spark.createDataFrame(rows, INPUT).coalesce(1))
                .limit(2)
                .collectAsList();
        assertEquals(2, out.size());
        for (Row row : out) {
            Reference.assertEmbedding(reference.raw(raw.get(row.getInt(0))), row);
        }
    }

    @Test
    void theConfigFileChoosesTheBackendWithTheSameFallbackAsTheSingleProcessPath(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("embedding.yaml");
        Files.writeString(config, """
                embedding:
                  backend: tensorrt
                  allow_cpu_fallback: true
                  max_batch_size: 4
                onnxruntime:
                  intra_op_threads: 1
                """);
        ConfigSource source = ConfigSource.fromFile(config.toString());
        Diagnostics expected;
        try (EmbeddingBackend single = EmbeddingBackends.create(source.embeddingOptions())) {
            expected = single.diagnostics();
        }
        List<byte[]> raw = TestCrops.raw(6, 5);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            rows.add(RowFactory.create(i, raw.get(i)));
        }

        List<Row> out = FaceEmbedder.create(source).cropEncoding(CropEncoding.RAW_RGB)
                .embed(spark.createDataFrame(rows, INPUT)).collectAsList();

        assertEquals(raw.size(), out.size());
        for (Row row : out) {
            assertEquals(expected.backend().name(), row.getAs(FaceEmbedder.BACKEND));
            assertEquals(expected.fallback().map(Diagnostics.Fallback::reason).orElse(null),
                    row.<String>getAs(FaceEmbedder.FALLBACK_REASON));
            if (expected.backend().name().equals("onnxruntime")) {
                Reference.assertEmbedding(reference.raw(raw.get(row.getInt(0))), row);
            }
        }
    }

    @Test
    void aBackendThatCannotRunFailsTheTaskNotTheRows() {
        ConfigSource noFallback = ConfigSource.defaults().withBackend("tensorrt").withAllowCpuFallback(false);
        assumeTrue(!Reference.opens(noFallback), "the tensorrt backend runs here, so nothing fails");
        List<Row> rows = List.of(RowFactory.create(0, TestCrops.raw(1, 1).getFirst()));
        Dataset<Row> embedded = FaceEmbedder.create(noFallback).cropEncoding(CropEncoding.RAW_RGB)
                .embed(spark.createDataFrame(rows, INPUT));

        SparkException failure = assertThrows(SparkException.class, embedded::collectAsList);
        assertTrue(causes(failure).stream().anyMatch(BackendUnavailableException.class::isInstance),
                () -> "not caused by a BackendUnavailableException: " + failure);
    }

    @Test
    void badArgumentsFailOnTheDriver() {
        Dataset<Row> crops = spark.createDataFrame(List.of(RowFactory.create(0, new byte[1])), INPUT);
        FaceEmbedder embedder = FaceEmbedder.create(ConfigSource.defaults());

        assertThrows(IllegalArgumentException.class, () -> embedder.cropColumn("missing").embed(crops));
        assertThrows(IllegalArgumentException.class, () -> embedder.cropColumn("id").embed(crops));
        assertThrows(IllegalArgumentException.class,
                () -> embedder.embed(crops.withColumnRenamed("id", FaceEmbedder.EMBEDDING)));
        assertThrows(IllegalArgumentException.class, () -> embedder.batchSize(0));
        assertThrows(RuntimeException.class, () -> FaceEmbedder.create(ConfigSource.defaults()
                .withOverride("embedding.no_such_key", "1")).embed(crops));
        assertThrows(RuntimeException.class, () -> FaceEmbedder.create(ConfigSource.fromFile("no-such-file.yaml"))
                .embed(crops));
    }

    @Test
    void theOutputSchemaAppendsTheEmbeddingColumns() {
        StructType schema = FaceEmbedder.outputSchema(INPUT);
        assertEquals(List.of("id", "image", "embedding", "embedding_error", "backend", "fallback_reason"),
                List.of(schema.fieldNames()));
        assertEquals(DataTypes.createArrayType(DataTypes.FloatType, false), schema.apply("embedding").dataType());
        assertTrue(schema.apply("embedding").nullable());
        assertFalse(schema.apply("backend").nullable());
    }

    private static void assertBadRow(Row row, String messagePart) {
        assertTrue(row.isNullAt(row.fieldIndex(FaceEmbedder.EMBEDDING)), () -> "embedding of a bad row " + row);
        String error = row.getAs(FaceEmbedder.EMBEDDING_ERROR);
        assertTrue(error != null && error.contains(messagePart), () -> "error '" + error + "' lacks '" + messagePart
                + "'");
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }
}

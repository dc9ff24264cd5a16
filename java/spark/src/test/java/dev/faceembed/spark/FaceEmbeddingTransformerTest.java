package dev.faceembed.spark;

import dev.faceembed.ModelException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.clustering.KMeans;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceEmbeddingTransformerTest {
    private static final StructType INPUT = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("crop", DataTypes.BinaryType, true)
            .add("backend", DataTypes.StringType, true);

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
    void namedColumnsAVectorOutputAndTheModelInTheColumnMetadata() {
        List<byte[]> raw = TestCrops.raw(9, 31);
        Dataset<Row> crops = crops(raw);

        Dataset<Row> embedded = new FaceEmbeddingTransformer()
                .setInputCol("crop").setOutputCol("features").setErrorCol("why")
                .setOutputType(OutputType.VECTOR).setCropEncoding(CropEncoding.RAW_RGB).setBatchSize(4)
                .transform(crops.repartition(2));

        // The input's own "backend" column is left alone: no backend column is added unless one is named.
        assertEquals(List.of("id", "crop", "backend", "features", "why"), List.of(embedded.schema().fieldNames()));
        assertEquals(SQLDataTypes.VectorType(), embedded.schema().apply("features").dataType());
        Metadata recorded = embedded.schema().apply("features").metadata().getMetadata(EmbeddingMetadata.KEY);
        assertEquals(reference.modelSha256(), recorded.getString("model_sha256"));
        assertEquals("onnxruntime", recorded.getString("backend"));
        assertTrue(recorded.getBoolean("allow_cpu_fallback"));
        List<Row> rows = embedded.collectAsList();
        assertEquals(raw.size() + 2, rows.size());
        for (Row row : rows) {
            int id = row.getInt(0);
            assertEquals("user value " + id, row.getAs("backend"));
            if (id < raw.size()) {
                Reference.assertEmbedding(reference.raw(raw.get(id)), row, "features", "why");
            } else {
                assertNull(row.getAs("features"));
                assertTrue(row.<String>getAs("why").contains(id == 100 ? "expected " + TestCrops.RAW_BYTES : "null"),
                        row::toString);
            }
        }
    }

    @Test
    void aFittedPipelineWithTheTransformerIsSavedAndLoaded(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("embedding.yaml");
        Files.writeString(config, "embedding:\n  max_batch_size: 8\n");
        List<byte[]> raw = TestCrops.raw(12, 32);
        Dataset<Row> crops = crops(raw);
        FaceEmbeddingTransformer embed = new FaceEmbeddingTransformer()
                .setInputCol("crop").setOutputCol("features").setErrorCol("why").setBackendCol("ran_on")
                .setOutputType(OutputType.VECTOR).setCropEncoding(CropEncoding.RAW_RGB).setBatchSize(5)
                .setConfig(ConfigSource.fromFile(config.toString())
                        .withOverride("onnxruntime.intra_op_threads", "1"));
        // As in the README: rows without an embedding are dropped before the estimator.
        Pipeline pipeline = new Pipeline().setStages(new PipelineStage[]{embed,
                new SQLTransformer().setStatement("SELECT * FROM __THIS__ WHERE features IS NOT NULL"),
                new KMeans().setK(2).setSeed(1).setFeaturesCol("features").setPredictionCol("cluster")});

        PipelineModel fitted = pipeline.fit(crops);
        fitted.write().save(dir.resolve("model").toString());
        PipelineModel loaded = PipelineModel.load(dir.resolve("model").toString());

        FaceEmbeddingTransformer read = assertInstanceOf(FaceEmbeddingTransformer.class, loaded.stages()[0]);
        assertEquals(embed.uid(), read.uid());
        assertEquals(embed.getConfig(), read.getConfig());
        assertEquals(List.of("features", "why", "ran_on", "RAW_RGB", "VECTOR", "5"),
                List.of(read.getOutputCol(), read.getErrorCol(), read.getBackendCol(), read.getCropEncoding().name(),
                        read.getOutputType().name(), String.valueOf(read.getBatchSize())));
        assertNull(read.getFallbackReasonCol());
        List<Row> before = sorted(fitted.transform(crops));
        List<Row> after = sorted(loaded.transform(crops));
        assertEquals(raw.size(), after.size());
        for (int i = 0; i < after.size(); i++) {
            Row row = after.get(i);
            Reference.assertEmbedding(reference.raw(raw.get(row.getInt(0))), row, "features", "why");
            assertEquals("onnxruntime", row.getAs("ran_on"));
            assertEquals(before.get(i).<Integer>getAs("cluster"), row.<Integer>getAs("cluster"));
        }
    }

    @Test
    void theTransformerAloneIsSavedAndLoaded(@TempDir Path dir) throws Exception {
        FaceEmbeddingTransformer embed = new FaceEmbeddingTransformer().setInputCol("pixels")
                .setConfig(new ConfigSource(null, Map.of("embedding.backend", "tensorrt", "odd \"key\"", "a\nb")));

        embed.write().save(dir.resolve("stage").toString());
        FaceEmbeddingTransformer read = FaceEmbeddingTransformer.load(dir.resolve("stage").toString());

        assertEquals(embed.uid(), read.uid());
        assertEquals("pixels", read.getInputCol());
        assertEquals(embed.getConfig(), read.getConfig());
        assertEquals(FaceEmbedder.EMBEDDING, read.getOutputCol());
        assertNull(read.getBackendCol());
    }

    @Test
    void badParametersAndSchemasFailOnTheDriver() {
        Dataset<Row> crops = crops(TestCrops.raw(1, 33));
        FaceEmbeddingTransformer embed = new FaceEmbeddingTransformer().setInputCol("crop");

        assertThrows(IllegalArgumentException.class, () -> embed.setBatchSize(0));
        assertThrows(IllegalArgumentException.class, () -> embed.copy(new ParamMap().put(embed.cropEncoding(), "bmp")));
        assertThrows(IllegalArgumentException.class, () -> embed.copy(new ParamMap().put(embed.outputType(), "map")));
        assertThrows(IllegalArgumentException.class, () -> embed.copy(ParamMap.empty()).setInputCol("id")
                .transform(crops));
        assertThrows(IllegalArgumentException.class, () -> embed.copy(ParamMap.empty()).setInputCol("missing")
                .transform(crops));
        assertThrows(IllegalArgumentException.class, () -> embed.copy(ParamMap.empty()).setOutputCol("backend")
                .transform(crops));
        assertThrows(IllegalArgumentException.class, () -> embed.copy(ParamMap.empty()).setErrorCol("embedding")
                .transform(crops));
        assertThrows(RuntimeException.class, () -> embed.copy(ParamMap.empty())
                .setConfig(ConfigSource.defaults().withOverride("embedding.model", "no-such-model.onnx"))
                .transform(crops));
        assertTrue(Arrays.asList(embed.transformSchema(INPUT).fieldNames()).contains(FaceEmbedder.EMBEDDING));
    }

    @Test
    void aTaskRefusesABackendThatRunsAnotherModelThanTheDriverRecorded() {
        EmbeddingColumns columns = new FaceEmbeddingTransformer().columns();
        PartitionEmbedder embedder = new PartitionEmbedder(ConfigSource.defaults(), 1, CropEncoding.RAW_RGB, 4,
                columns, "0".repeat(64));

        ModelException e = assertThrows(ModelException.class, () -> embedder.call(
                List.of(RowFactory.create(0, TestCrops.raw(1, 34).getFirst(), null)).iterator()));
        assertTrue(e.getMessage().contains("sha256 " + reference.modelSha256()), e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void theConfigurationParameterIsWrittenAsJson() {
        ConfigSourceParam param = (ConfigSourceParam) new FaceEmbeddingTransformer().config();
        ConfigSource source = ConfigSource.fromFile("conf/embedding.yaml").withBackend("tensorrt");

        assertEquals(source, param.jsonDecode(param.jsonEncode(source)));
        assertEquals(ConfigSource.defaults(), param.jsonDecode(param.jsonEncode(ConfigSource.defaults())));
        assertThrows(IllegalArgumentException.class, () -> param.jsonDecode("{\"file\": 3, \"overrides\": {}}"));
        assertThrows(IllegalArgumentException.class,
                () -> param.jsonDecode("{\"file\": null, \"overrides\": {\"k\": 1}}"));
    }

    /** The crops as rows (id, crop, backend) plus a crop of the wrong size (id 100) and a null crop (id 101). */
    private static Dataset<Row> crops(List<byte[]> raw) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            rows.add(RowFactory.create(i, raw.get(i), "user value " + i));
        }
        rows.add(RowFactory.create(100, new byte[7], "user value 100"));
        rows.add(RowFactory.create(101, null, "user value 101"));
        return spark.createDataFrame(rows, INPUT);
    }

    private static List<Row> sorted(Dataset<Row> rows) {
        List<Row> list = new ArrayList<>(rows.collectAsList());
        list.sort(Comparator.comparingInt(row -> row.getInt(0)));
        return list;
    }
}

package dev.faceembed.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class EmbedJobTest {
    private static SparkSession spark;
    private static Reference reference;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

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
    void parquetOfEncodedCropsInParquetWithEmbeddingsOut(@TempDir Path dir) {
        List<byte[]> raw = TestCrops.raw(10, 21);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            rows.add(RowFactory.create("face-" + i, TestCrops.png(raw.get(i))));
        }
        rows.add(4, RowFactory.create("broken", new byte[]{(byte) 0x89, 'P', 'N', 'G'}));
        StructType schema = new StructType().add("name", DataTypes.StringType).add("image", DataTypes.BinaryType);
        Path input = dir.resolve("crops.parquet");
        spark.createDataFrame(rows, schema).write().parquet(input.toString());
        Path output = dir.resolve("embeddings.parquet");

        int code = run("--input", input.toString(), "--output", output.toString(), "--batch", "4",
                "--partitions", "3", "--drop-crop-column");

        assertEquals(ExitCodes.OK, code, err::toString);
        List<Row> written = spark.read().parquet(output.toString()).collectAsList();
        assertEquals(rows.size(), written.size());
        assertFalse(Arrays.asList(written.getFirst().schema().fieldNames()).contains("image"));
        for (Row row : written) {
            String name = row.getAs("name");
            if (name.equals("broken")) {
                assertTrue(row.isNullAt(row.fieldIndex(FaceEmbedder.EMBEDDING)));
                assertTrue(row.<String>getAs(FaceEmbedder.EMBEDDING_ERROR).contains("image"));
            } else {
                Reference.assertEmbedding(reference.raw(raw.get(Integer.parseInt(name.substring(5)))), row);
            }
            assertEquals("onnxruntime", row.getAs(FaceEmbedder.BACKEND));
        }
        assertTrue(out.toString().contains("onnxruntime: 11 rows, 1 without embedding"), out::toString);
    }

    @Test
    void parquetOfRawCropsWithAConfigFileAndOverrides(@TempDir Path dir) throws Exception {
        List<byte[]> raw = TestCrops.raw(5, 22);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            rows.add(RowFactory.create((long) i, raw.get(i)));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType).add("pixels", DataTypes.BinaryType);
        Path input = dir.resolve("raw.parquet");
        spark.createDataFrame(rows, schema).write().parquet(input.toString());
        Path config = dir.resolve("embedding.yaml");
        Files.writeString(config, "embedding:\n  backend: tensorrt\n");
        Path output = dir.resolve("out");

        int code = run("--input", input.toString(), "--output", output.toString(), "--crop-column", "pixels",
                "--crop-encoding", "raw_rgb", "--config", config.toString(), "--backend", "onnxruntime",
                "--set", "onnxruntime.intra_op_threads=1");

        assertEquals(ExitCodes.OK, code, err::toString);
        List<Row> written = spark.read().parquet(output.toString()).collectAsList();
        assertEquals(raw.size(), written.size());
        for (Row row : written) {
            Reference.assertEmbedding(reference.raw(raw.get((int) row.getLong(0))), row);
            assertEquals("onnxruntime", row.getAs(FaceEmbedder.BACKEND));
            assertTrue(row.isNullAt(row.fieldIndex(FaceEmbedder.FALLBACK_REASON)));
        }
    }

    @Test
    void aFolderOfImages(@TempDir Path dir) throws Exception {
        Path images = Files.createDirectories(dir.resolve("images/batch-1"));
        List<byte[]> raw = TestCrops.raw(3, 23);
        for (int i = 0; i < raw.size(); i++) {
            Files.write(images.resolve("face" + i + ".png"), TestCrops.png(raw.get(i)));
        }
        Files.writeString(images.resolve("corrupt.jpg"), "not a jpeg");
        Files.writeString(images.resolve("notes.txt"), "not a crop, not read");
        Path output = dir.resolve("out");

        int code = run("--input", dir.resolve("images").toString(), "--input-format", "images",
                "--output", output.toString(), "--drop-crop-column");

        assertEquals(ExitCodes.OK, code, err::toString);
        List<Row> written = spark.read().parquet(output.toString()).collectAsList();
        assertEquals(4, written.size());
        for (Row row : written) {
            String path = row.getAs("path");
            if (path.endsWith("corrupt.jpg")) {
                assertTrue(row.isNullAt(row.fieldIndex(FaceEmbedder.EMBEDDING)));
                assertFalse(row.isNullAt(row.fieldIndex(FaceEmbedder.EMBEDDING_ERROR)));
            } else {
                int i = Integer.parseInt(path.substring(path.lastIndexOf("face") + 4, path.length() - 4));
                Reference.assertEmbedding(reference.raw(raw.get(i)), row);
            }
        }
    }

    @Test
    void usageErrorsExitWithTwo(@TempDir Path dir) {
        assertEquals(ExitCodes.USAGE, run("--input", dir.toString()));
        assertEquals(ExitCodes.USAGE, run("--input", dir.resolve("missing").toString(), "--output",
                dir.resolve("out").toString()));
        assertEquals(ExitCodes.USAGE, run("--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--batch", "0"));
        assertEquals(ExitCodes.USAGE, run("--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--largest-face"));
        assertEquals(ExitCodes.USAGE, run("--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--crop-encoding", "bmp"));
    }

    @Test
    void aBackendThatCannotRunWithoutFallbackExitsWithFour(@TempDir Path dir) {
        ConfigSource noFallback = ConfigSource.defaults().withBackend("tensorrt").withAllowCpuFallback(false);
        assumeTrue(!Reference.opens(noFallback), "the tensorrt backend runs here, so nothing fails");
        Path input = dir.resolve("in");
        StructType schema = new StructType().add("image", DataTypes.BinaryType);
        spark.createDataFrame(List.of(RowFactory.create((Object) TestCrops.png(TestCrops.raw(1, 1).getFirst()))),
                schema).write().parquet(input.toString());

        int code = run("--input", input.toString(), "--output", dir.resolve("out").toString(), "--backend",
                "tensorrt", "--no-fallback");

        assertEquals(ExitCodes.BACKEND_UNAVAILABLE, code, err::toString);
        assertTrue(err.toString().contains("tensorrt"), err::toString);
    }

    @Test
    void aFolderOfPhotosInOneRowPerLargestFaceOut(@TempDir Path dir) throws Exception {
        Path photos = Files.createDirectory(dir.resolve("photos"));
        Path source = Path.of("..", "core", "src", "test", "resources", "photos");
        Files.copy(source.resolve("grace_hopper.jpg"), photos.resolve("portrait.jpg"));
        Files.copy(source.resolve("group.jpg"), photos.resolve("group.jpg"));
        Files.write(photos.resolve("broken.jpg"), new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
        Path output = dir.resolve("faces.parquet");

        int code = run("--input", photos.toString(), "--input-format", "images", "--output", output.toString(),
                "--detect", "--largest-face");

        assertEquals(ExitCodes.OK, code, err::toString);
        assertTrue(out.toString().contains("2 faces; photos without a face: 1"), out::toString);
        List<Row> written = spark.read().parquet(output.toString()).collectAsList();
        assertEquals(3, written.size());
        assertFalse(Arrays.asList(written.getFirst().schema().fieldNames()).contains("content"));
        for (Row row : written) {
            boolean broken = row.<String>getAs("path").endsWith("broken.jpg");
            assertEquals(broken, row.isNullAt(row.fieldIndex("embedding")), row::toString);
            assertEquals(broken, row.getAs("face_error") != null, row::toString);
        }
    }

    private int run(String... args) {
        return EmbedJob.execute(() -> spark, args, new PrintWriter(out, true), new PrintWriter(err, true));
    }
}

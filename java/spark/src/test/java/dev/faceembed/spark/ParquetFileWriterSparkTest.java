package dev.faceembed.spark;

import dev.faceembed.files.parquet.ParquetFileWriter;
import dev.faceembed.files.parquet.ParquetRow;
import dev.faceembed.files.parquet.ParquetSchema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Files of the dependency-free {@link ParquetFileWriter} (module files) read back by real Parquet readers: Spark's
 * vectorized reader, parquet-mr's record reader (Spark with vectorization off) and parquet-mr's footer reader.
 * Every value is compared, along with the Parquet schema and the row groups.
 *
 * <p>The timeout is there because Spark's vectorized reader can loop forever on levels that do not add up to the
 * page's value count: a writer bug must fail the test, not hang the build.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ParquetFileWriterSparkTest {
    private static final String VECTORIZED = "spark.sql.parquet.enableVectorizedReader";
    private static final ParquetSchema SCHEMA = ParquetSchema.builder()
            .string("file").int32("face").int64("frame").floatList("box").floatValue("score").doubleValue("scale")
            .floatList("landmarks").floatList("embedding").optionalString("note").build();
    private static final String PARQUET_SCHEMA = """
            message schema {
              required binary file (STRING);
              required int32 face;
              required int64 frame;
              required group box (LIST) { repeated group list { required float element; } }
              required float score;
              required double scale;
              required group landmarks (LIST) { repeated group list { required float element; } }
              required group embedding (LIST) { repeated group list { required float element; } }
              optional binary note (STRING);
            }""";
    private static final List<String> SPARK_TYPES = List.of("file:string", "face:int", "frame:bigint",
            "box:array<float>", "score:float", "scale:double", "landmarks:array<float>", "embedding:array<float>",
            "note:string");

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = TestSpark.session();
    }

    @Test
    void rowGroupsByRowCountWithSeveralPagesEach(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("faces.parquet");
        // 1000 embeddings of 512 floats are 2 MB a row group: 2 or 3 pages of about 1 MiB.
        write(path, 2500, 1000, ParquetFileWriter.DEFAULT_ROW_GROUP_BYTES);
        assertFooter(path, 1000, 1000, 500);
        assertReadBack(path, 2500);
    }

    @Test
    void rowGroupsByByteSize(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("faces.parquet");
        write(path, 300, ParquetFileWriter.DEFAULT_ROW_GROUP_ROWS, 100_000);
        ParquetMetadata footer = assertFooter(path);
        assertTrue(footer.getBlocks().size() >= 5, () -> footer.getBlocks().size() + " row groups");
        assertEquals(300, footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum());
        assertReadBack(path, 300);
    }

    @Test
    void rowGroupsOfOnlyEmptyListsAndNulls(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("faces.parquet");
        try (ParquetFileWriter writer = ParquetFileWriter.create(path, SCHEMA, 4, 1 << 20)) {
            for (int i = 0; i < 10; i++) {
                int face = i;
                writer.row(r -> r.string("").int32(face).int64(face).floats(new float[0]).floatValue(0)
                        .doubleValue(0).floats(new float[0]).floats(new float[0]).nullString());
            }
            writer.commit();
        }
        assertFooter(path, 4, 4, 2);
        for (boolean vectorized : new boolean[]{true, false}) {
            List<Row> rows = read(path, vectorized);
            assertEquals(10, rows.size());
            for (int i = 0; i < rows.size(); i++) {
                Row row = rows.get(i);
                assertEquals(i, row.getInt(1));
                assertEquals("", row.getString(0));
                for (int list : new int[]{3, 6, 7}) {
                    assertEquals(List.of(), row.getList(list));
                }
                assertTrue(row.isNullAt(8));
            }
        }
    }

    @Test
    void noRows(@TempDir Path dir) throws IOException {
        Path path = dir.resolve("faces.parquet");
        write(path, 0, 10, 1 << 20);
        assertFooter(path);
        assertReadBack(path, 0);
    }

    private static void write(Path path, int rows, int rowGroupRows, long rowGroupBytes) throws IOException {
        try (ParquetFileWriter writer = ParquetFileWriter.create(path, SCHEMA, rowGroupRows, rowGroupBytes)) {
            for (int i = 0; i < rows; i++) {
                int index = i;
                writer.row(r -> fill(r, index));
            }
            writer.commit();
        }
    }

    private static void fill(ParquetRow r, int i) {
        r.string(file(i)).int32(face(i)).int64(frame(i)).floats(box(i)).floatValue(score(i)).doubleValue(scale(i))
                .floats(landmarks(i)).floats(embedding(i)).string(note(i));
    }

    /** The footer as parquet-mr reads it, with the expected schema and creator, and these row counts. */
    private static ParquetMetadata assertFooter(Path path, long... rowGroupRows) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                new org.apache.hadoop.fs.Path(path.toUri()), new Configuration()))) {
            ParquetMetadata footer = reader.getFooter();
            assertEquals(MessageTypeParser.parseMessageType(PARQUET_SCHEMA), footer.getFileMetaData().getSchema());
            assertEquals("faceembed", footer.getFileMetaData().getCreatedBy());
            if (rowGroupRows.length > 0) {
                assertEquals(Arrays.toString(rowGroupRows),
                        Arrays.toString(footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).toArray()));
            }
            return footer;
        }
    }

    /** Reads the file with and without Spark's vectorized reader; every value must be the one written. */
    private static void assertReadBack(Path path, int rows) {
        for (boolean vectorized : new boolean[]{true, false}) {
            List<Row> read = read(path, vectorized);
            assertEquals(rows, read.size(), "rows read, vectorized " + vectorized);
            for (int i = 0; i < rows; i++) {
                assertRow(read.get(i), i);
            }
        }
    }

    private static List<Row> read(Path path, boolean vectorized) {
        spark.conf().set(VECTORIZED, vectorized);
        try {
            Dataset<Row> frame = spark.read().parquet(path.toString());
            List<String> types = Arrays.stream(frame.schema().fields())
                    .map(f -> f.name() + ":" + f.dataType().simpleString()).toList();
            assertEquals(SPARK_TYPES, types);
            return frame.orderBy("face", "frame").collectAsList();
        } finally {
            spark.conf().unset(VECTORIZED);
        }
    }

    private static void assertRow(Row row, int i) {
        String at = "row " + i;
        assertEquals(file(i), row.getString(0), at);
        assertEquals(face(i), row.getInt(1), at);
        assertEquals(frame(i), row.getLong(2), at);
        assertFloats(box(i), row.getList(3), at + " box");
        assertEquals(Float.floatToIntBits(score(i)), Float.floatToIntBits(row.getFloat(4)), at);
        assertEquals(Double.doubleToLongBits(scale(i)), Double.doubleToLongBits(row.getDouble(5)), at);
        assertFloats(landmarks(i), row.getList(6), at + " landmarks");
        assertFloats(embedding(i), row.getList(7), at + " embedding");
        assertEquals(note(i), row.isNullAt(8) ? null : row.getString(8), at);
        StructField[] fields = row.schema().fields();
        assertEquals(SCHEMA.names(), Arrays.stream(fields).map(StructField::name).toList());
    }

    private static void assertFloats(float[] expected, List<Float> actual, String what) {
        assertEquals(expected.length, actual.size(), what);
        for (int j = 0; j < expected.length; j++) {
            assertEquals(Float.floatToIntBits(expected[j]), Float.floatToIntBits(actual.get(j)), what + "[" + j + "]");
        }
    }

    // Row i's values; rows are read back ordered by (face, frame), which is the order of i.

    private static String file(int i) {
        return switch (i % 5) {
            case 0 -> "photo-" + i + "-éèü-日本語-😀.jpg";
            case 1 -> "x".repeat(300) + i;
            default -> "photo-" + i + ".jpg";
        };
    }

    private static int face(int i) {
        return i - 5;
    }

    private static long frame(int i) {
        return i * 3_000_000_007L - 5;
    }

    private static float[] box(int i) {
        return i % 6 == 0 ? new float[0] : new float[]{i, i + 0.5f, -i, Float.MAX_VALUE};
    }

    private static float score(int i) {
        return switch (i % 10) {
            case 1 -> Float.NaN;
            case 2 -> -0.0f;
            case 3 -> Float.NEGATIVE_INFINITY;
            default -> i / 7f;
        };
    }

    private static double scale(int i) {
        return i % 10 == 4 ? Double.MIN_VALUE : i * 1e-3 - 1;
    }

    private static float[] landmarks(int i) {
        float[] points = new float[i % 9 == 4 ? 0 : 10];
        for (int j = 0; j < points.length; j++) {
            points[j] = i + j / 10f;
        }
        return points;
    }

    private static float[] embedding(int i) {
        float[] values = new float[i % 11 == 0 ? 0 : 512];
        for (int j = 0; j < values.length; j++) {
            values[j] = (float) Math.sin(i * 512.0 + j);
        }
        return values;
    }

    private static String note(int i) {
        return switch (i % 3) {
            case 0 -> null;
            case 1 -> "";
            default -> "no face ✓ " + i;
        };
    }
}

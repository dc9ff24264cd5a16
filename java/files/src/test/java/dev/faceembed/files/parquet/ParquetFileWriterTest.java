package dev.faceembed.files.parquet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole files worked out by hand from the parquet-format specification, and the writer's contract. That Spark
 * and parquet-mr read the files back is checked in the spark module (ParquetFileWriterSparkTest).
 */
class ParquetFileWriterTest {
    private static final ParquetSchema ONE_STRING = ParquetSchema.builder().string("s").build();
    private static final ParquetSchema FACES = ParquetSchema.builder()
            .string("file").int32("face").floatList("box").optionalString("note").build();

    @TempDir
    Path dir;

    @Test
    void aFileOfOneStringRow() throws IOException {
        Path path = dir.resolve("one.parquet");
        try (ParquetFileWriter writer = ParquetFileWriter.create(path, ONE_STRING)) {
            writer.row(r -> r.string("a"));
            writer.commit();
        }
        byte[] page = TestBytes.of(
                0x15, 0x00, 0x15, 0x0A, 0x15, 0x0A,     // DATA_PAGE of 5 bytes
                0x2C, 0x15, 0x02, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00, // 1 value, PLAIN, RLE, RLE
                0x01, 0x00, 0x00, 0x00, "a");           // 22 bytes in all, from offset 4
        byte[] footer = TestBytes.of(
                0x15, 0x02,                             // FileMetaData.version 1
                0x19, 0x2C,                             // schema: list of 2 structs
                0x48, 0x06, "schema", 0x15, 0x02, 0x00, //   root: name, num_children 1
                0x15, 0x0C, 0x25, 0x00, 0x18, 0x01, "s", // type BYTE_ARRAY (6), REQUIRED, name "s",
                0x25, 0x00, 0x4C, 0x1C, 0x00, 0x00, 0x00, //   converted_type UTF8, logicalType {STRING {}}
                0x16, 0x02,                             // num_rows 1
                0x19, 0x1C,                             // row_groups: list of 1 struct
                0x19, 0x1C,                             //   columns: list of 1 struct
                0x26, 0x00, 0x1C,                       //     file_offset 0, meta_data {
                0x15, 0x0C,                             //       type BYTE_ARRAY
                0x19, 0x15, 0x00,                       //       encodings [PLAIN]
                0x19, 0x18, 0x01, "s",                  //       path_in_schema ["s"]
                0x15, 0x00,                             //       codec UNCOMPRESSED
                0x16, 0x02,                             //       num_values 1
                0x16, 0x2C, 0x16, 0x2C,                 //       total uncompressed and compressed size 22
                0x26, 0x08,                             //       data_page_offset 4
                0x00, 0x00,                             //     } }
                0x16, 0x2C, 0x16, 0x02,                 //   total_byte_size 22, num_rows 1
                0x26, 0x08, 0x16, 0x2C, 0x00,           //   file_offset 4, total_compressed_size 22
                0x28, 0x09, "faceembed",                // created_by
                0x00);
        assertArrayEquals(concat(TestBytes.of("PAR1"), page, footer, TestBytes.of(footer.length, 0, 0, 0, "PAR1")),
                Files.readAllBytes(path));
    }

    @Test
    void aFileOfNoRowsHasTheSchemaAndNoRowGroup() throws IOException {
        Path path = dir.resolve("empty.parquet");
        try (ParquetFileWriter writer = ParquetFileWriter.create(path, ONE_STRING)) {
            writer.commit();
        }
        byte[] footer = TestBytes.of(
                0x15, 0x02, 0x19, 0x2C,
                0x48, 0x06, "schema", 0x15, 0x02, 0x00,
                0x15, 0x0C, 0x25, 0x00, 0x18, 0x01, "s", 0x25, 0x00, 0x4C, 0x1C, 0x00, 0x00, 0x00,
                0x16, 0x00,                             // num_rows 0
                0x19, 0x0C,                             // row_groups: list of 0 structs
                0x28, 0x09, "faceembed", 0x00);
        assertArrayEquals(concat(TestBytes.of("PAR1"), footer, TestBytes.of(footer.length, 0, 0, 0, "PAR1")),
                Files.readAllBytes(path));
    }

    @Test
    void aValueOfTheWrongKindNamesTheColumn() throws IOException {
        try (ParquetFileWriter writer = ParquetFileWriter.create(dir.resolve("f.parquet"), FACES)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> writer.row(r -> r.string("a.jpg").floatValue(1)));
            assertEquals("column 'face' is an int32, not a float", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> writer.row(r -> r.string("a.jpg").int32(0).string("x")));
            assertEquals("column 'box' is a list of floats, not a string", e.getMessage());
        }
    }

    @Test
    void missingExtraAndNullValuesNameTheColumn() throws IOException {
        try (ParquetFileWriter writer = ParquetFileWriter.create(dir.resolve("f.parquet"), FACES)) {
            assertMessage("the row ends before column 'note' (3 of 4 values given)",
                    () -> writer.row(r -> r.string("a.jpg").int32(0).floats(new float[4])));
            assertMessage("the row has more values than the schema's 4 columns",
                    () -> writer.row(r -> r.string("a.jpg").int32(0).floats(new float[4]).nullString().int32(1)));
            assertMessage("column 'file' is a string and cannot be null", () -> writer.row(r -> r.string(null)));
            assertMessage("column 'file' is a string and cannot be null", () -> writer.row(ParquetRow::nullString));
            assertMessage("column 'box' is a required list: null given",
                    () -> writer.row(r -> r.string("a.jpg").int32(0).floats(null)));
        }
    }

    @Test
    void aRejectedRowLeavesNoTraceInTheFile() throws IOException {
        Path clean = dir.resolve("clean.parquet");
        Path retried = dir.resolve("retried.parquet");
        try (ParquetFileWriter writer = ParquetFileWriter.create(clean, FACES)) {
            writer.row(r -> r.string("a.jpg").int32(0).floats(new float[]{1, 2, 3, 4}).nullString());
            writer.row(r -> r.string("b.jpg").int32(1).floats(new float[0]).string("no face"));
            writer.commit();
        }
        try (ParquetFileWriter writer = ParquetFileWriter.create(retried, FACES)) {
            writer.row(r -> r.string("a.jpg").int32(0).floats(new float[]{1, 2, 3, 4}).nullString());
            assertThrows(IllegalArgumentException.class, () -> writer.row(r -> r.string("x").int32(9).int32(9)));
            assertThrows(IllegalStateException.class, () -> writer.row(r -> {
                r.string("y").int32(8);
                throw new IllegalStateException("the caller's own failure");
            }));
            writer.row(r -> r.string("b.jpg").int32(1).floats(new float[0]).string("no face"));
            assertEquals(2, writer.rows());
            writer.commit();
        }
        assertArrayEquals(Files.readAllBytes(clean), Files.readAllBytes(retried));
    }

    @Test
    void committingTwiceOrWritingAfterACommitOrCloseIsAnError() throws IOException {
        Path path = dir.resolve("f.parquet");
        ParquetFileWriter writer = ParquetFileWriter.create(path, ONE_STRING);
        writer.row(r -> r.string("a"));
        writer.commit();
        assertMessage("the Parquet file was already committed", writer::commit);
        assertMessage("the Parquet file was already committed", () -> writer.row(r -> r.string("b")));
        writer.close();
        assertTrue(Files.size(path) > 0);

        ParquetFileWriter closed = ParquetFileWriter.create(dir.resolve("g.parquet"), ONE_STRING);
        closed.close();
        assertMessage("the Parquet writer is closed", closed::commit);
    }

    @Test
    void aFinishedFileTakesNoRowAndAppearsOnlyWhenCommitted() throws IOException {
        Path path = dir.resolve("finished.parquet");
        try (ParquetFileWriter writer = ParquetFileWriter.create(path, ONE_STRING)) {
            writer.row(r -> r.string("a"));
            writer.finish();
            assertMessage("the Parquet file was finished: no row may follow", () -> writer.row(r -> r.string("b")));
            assertTrue(Files.notExists(path), "finishing writes the temporary file only");
        }
        assertTrue(Files.notExists(path), "closing a finished but uncommitted file leaves nothing");
        try (ParquetFileWriter writer = ParquetFileWriter.create(path, ONE_STRING)) {
            writer.row(r -> r.string("a"));
            writer.finish();
            writer.commit();
        }
        assertTrue(Files.size(path) > 0);
    }

    @Test
    void closingWithoutACommitLeavesNoFileAndKeepsAnOldOne() throws IOException {
        Path fresh = dir.resolve("fresh.parquet");
        Path old = Files.writeString(dir.resolve("old.parquet"), "old");
        for (Path path : List.of(fresh, old)) {
            try (ParquetFileWriter writer = ParquetFileWriter.create(path, ONE_STRING, 1, 1 << 20)) {
                writer.row(r -> r.string("a"));
                writer.row(r -> r.string("b"));
            }
        }
        assertEquals(List.of("old.parquet"), names());
        assertEquals("old", Files.readString(old));
    }

    @Test
    void rowGroupBoundsAreChecked() throws IOException {
        Path path = dir.resolve("f.parquet");
        assertThrows(IllegalArgumentException.class, () -> ParquetFileWriter.create(path, ONE_STRING, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> ParquetFileWriter.create(path, ONE_STRING, 1, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ParquetFileWriter.create(path, ONE_STRING, 1, ParquetFileWriter.MAX_ROW_GROUP_BYTES + 1));
        assertEquals(List.of(), names());
    }

    @Test
    void schemasNeedColumnsWithDistinctNonEmptyNames() {
        assertMessage("a Parquet schema needs at least one column", () -> ParquetSchema.builder().build());
        assertMessage("column 'a' is already in the schema", () -> ParquetSchema.builder().int32("a").string("a"));
        assertMessage("a column name is empty", () -> ParquetSchema.builder().int32(""));
        assertEquals(List.of("file", "face", "box", "note"), FACES.names());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable action) {
        RuntimeException e = assertThrows(RuntimeException.class, action);
        assertEquals(expected, e.getMessage());
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[Arrays.stream(parts).mapToInt(p -> p.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}

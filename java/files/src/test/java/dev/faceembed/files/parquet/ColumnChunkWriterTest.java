package dev.faceembed.files.parquet;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Data pages worked out by hand from the parquet-format specification. */
class ColumnChunkWriterTest {
    @Test
    void anOptionalColumnsPageHasLengthPrefixedDefinitionLevelsThenTheNonNullValues() throws IOException {
        ColumnChunkWriter writer = writer(ColumnType.OPTIONAL_STRING);
        writer.append("x".getBytes());
        writer.append(null);
        writer.finishPage();
        assertEquals(2, writer.chunkValues());
        assertArrayEquals(TestBytes.of(
                0x15, 0x00,                 // PageHeader.type = DATA_PAGE
                0x15, 0x16, 0x15, 0x16,     // uncompressed and compressed size 11 (zigzag 22)
                0x2C,                       // data_page_header {
                0x15, 0x04,                 //   num_values 2
                0x15, 0x00,                 //   encoding PLAIN
                0x15, 0x06, 0x15, 0x06,     //   definition and repetition level encodings RLE (3)
                0x00, 0x00,                 // } }
                0x02, 0x00, 0x00, 0x00,     // 2 bytes of definition levels:
                0x03, 0x01,                 //   one bit-packed group: 1, 0
                0x01, 0x00, 0x00, 0x00, "x" // PLAIN "x"; the null has no value
        ), chunk(writer));
    }

    @Test
    void aListColumnsPageHasRepetitionThenDefinitionLevelsThenTheElements() throws IOException {
        ColumnChunkWriter writer = writer(ColumnType.FLOAT_LIST);
        writer.append(new float[]{1, 2});
        writer.append(new float[0]);
        writer.finishPage();
        assertEquals(3, writer.chunkValues());
        assertArrayEquals(TestBytes.of(
                0x15, 0x00, 0x15, 0x28, 0x15, 0x28,     // DATA_PAGE of 20 bytes (zigzag 40)
                0x2C, 0x15, 0x06, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00, // 3 values, PLAIN, RLE, RLE
                0x02, 0x00, 0x00, 0x00, 0x03, 0x02,     // repetition levels 0, 1 | 0
                0x02, 0x00, 0x00, 0x00, 0x03, 0x03,     // definition levels 1, 1 | 0 (the empty list)
                0x00, 0x00, 0x80, 0x3F,                 // 1.0f little-endian
                0x00, 0x00, 0x00, 0x40                  // 2.0f
        ), chunk(writer));
    }

    @Test
    void aRequiredColumnsPageIsTheValuesAlone() throws IOException {
        ColumnChunkWriter writer = writer(ColumnType.INT64);
        writer.append(-2L);
        writer.finishPage();
        assertArrayEquals(TestBytes.of(
                0x15, 0x00, 0x15, 0x10, 0x15, 0x10,     // DATA_PAGE of 8 bytes
                0x2C, 0x15, 0x02, 0x15, 0x00, 0x15, 0x06, 0x15, 0x06, 0x00, 0x00,
                0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF), chunk(writer));
    }

    @Test
    void aPageClosesOnceItHoldsAboutAMegabyte() {
        ColumnChunkWriter writer = writer(ColumnType.FLOAT_LIST);
        float[] row = new float[1 << 16]; // 256 KiB of values and 64 Ki levels
        for (int i = 0; i < 3; i++) {
            writer.append(row);
        }
        assertEquals(0, writer.chunkBytes());
        writer.append(row);
        assertTrue(writer.chunkBytes() > 4 * (1 << 18), () -> "chunk of " + writer.chunkBytes() + " bytes");
        assertEquals(4 << 16, writer.chunkValues());
        assertTrue(writer.bufferedBytes() >= writer.chunkBytes());
    }

    @Test
    void finishingAnEmptyPageWritesNothing() {
        ColumnChunkWriter writer = writer(ColumnType.STRING);
        writer.finishPage();
        assertEquals(0, writer.chunkBytes());
    }

    private static ColumnChunkWriter writer(ColumnType type) {
        return new ColumnChunkWriter(new ParquetSchema.Column("c", type));
    }

    private static byte[] chunk(ColumnChunkWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long size = writer.chunkBytes();
        writer.writeChunkTo(out);
        assertEquals(size, out.size());
        assertEquals(0, writer.chunkBytes());
        return out.toByteArray();
    }
}

package dev.faceembed.files.parquet;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One column's part of the row group being written: values are PLAIN-encoded into the open page, levels kept one
 * byte each, and a page that reaches {@link #PAGE_BYTES} is closed (header, levels, values) into the chunk buffer.
 * Pages end at row boundaries, so every page starts a row, as readers that skip pages by row count expect.
 */
final class ColumnChunkWriter {
    /** About 1 MiB a page, the usual size: small enough to read page by page, large enough for few headers. */
    static final int PAGE_BYTES = 1 << 20;

    private final ParquetSchema.Column column;
    private final ColumnType type;
    private final Bytes repetition = new Bytes();
    private final Bytes definition = new Bytes();
    private final Bytes values = new Bytes();
    private final Bytes encodedRepetition = new Bytes();
    private final Bytes encodedDefinition = new Bytes();
    private final Bytes chunk = new Bytes();
    private int pageValues;
    private long chunkValues;

    ColumnChunkWriter(ParquetSchema.Column column) {
        this.column = column;
        this.type = column.type();
    }

    ParquetSchema.Column column() {
        return column;
    }

    /** Appends one row's value, of the kind {@link ParquetRow} checked for this column. */
    void append(Object value) {
        switch (type) {
            case STRING -> plainBinary((byte[]) value);
            case OPTIONAL_STRING -> {
                definition.write(value == null ? 0 : 1);
                if (value != null) {
                    plainBinary((byte[]) value);
                }
            }
            case INT32 -> values.writeIntLE((Integer) value);
            case INT64 -> values.writeLongLE((Long) value);
            case FLOAT -> values.writeIntLE(Float.floatToRawIntBits((Float) value));
            case DOUBLE -> values.writeLongLE(Double.doubleToRawLongBits((Double) value));
            case FLOAT_LIST -> floatList((float[]) value);
        }
        if (type != ColumnType.FLOAT_LIST) {
            pageValues++;
        }
        if (values.size() + pageValues >= PAGE_BYTES) {
            finishPage();
        }
    }

    /** Bytes held for the current row group: closed pages and the open one's values and levels. */
    long bufferedBytes() {
        return (long) chunk.size() + values.size() + repetition.size() + definition.size();
    }

    /** Closes the open page, if it has values, into the chunk. */
    void finishPage() {
        if (pageValues == 0) {
            return;
        }
        int size = values.size();
        size += levels(repetition, type.maxRepetitionLevel, encodedRepetition);
        size += levels(definition, type.maxDefinitionLevel, encodedDefinition);
        Metadata.dataPageHeader(chunk, size, pageValues);
        // A v1 page is repetition levels, then definition levels, each with a 4-byte little-endian length, then
        // the values; a column whose maximum level is 0 has no section for that level at all.
        prefixed(encodedRepetition, type.maxRepetitionLevel);
        prefixed(encodedDefinition, type.maxDefinitionLevel);
        chunk.write(values);
        chunkValues += pageValues;
        pageValues = 0;
        repetition.reset();
        definition.reset();
        values.reset();
    }

    /** The chunk's size in bytes, page headers included, once {@link #finishPage()} closed the last page. */
    long chunkBytes() {
        return chunk.size();
    }

    /** Level entries in the chunk: one per value, null or empty list. */
    long chunkValues() {
        return chunkValues;
    }

    /** Writes the chunk and empties it for the next row group. */
    void writeChunkTo(OutputStream out) throws IOException {
        chunk.writeTo(out);
        chunk.reset();
        chunkValues = 0;
    }

    private void plainBinary(byte[] utf8) {
        values.writeIntLE(utf8.length);
        values.write(utf8);
    }

    private void floatList(float[] floats) {
        if (floats.length == 0) {
            repetition.write(0);
            definition.write(0);
            pageValues++;
            return;
        }
        for (int i = 0; i < floats.length; i++) {
            repetition.write(i == 0 ? 0 : 1);
            definition.write(1);
            values.writeIntLE(Float.floatToRawIntBits(floats[i]));
        }
        pageValues += floats.length;
    }

    /** Encodes {@code levels} into {@code encoded}; the bytes the page needs for them, length prefix included. */
    private int levels(Bytes levels, int maxLevel, Bytes encoded) {
        encoded.reset();
        if (maxLevel == 0) {
            return 0;
        }
        LevelEncoder.encode(levels.array(), pageValues, LevelEncoder.bitWidth(maxLevel), encoded);
        return Integer.BYTES + encoded.size();
    }

    private void prefixed(Bytes encoded, int maxLevel) {
        if (maxLevel > 0) {
            chunk.writeIntLE(encoded.size());
            chunk.write(encoded);
        }
    }
}

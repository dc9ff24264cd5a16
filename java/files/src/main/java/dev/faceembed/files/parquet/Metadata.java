package dev.faceembed.files.parquet;

import java.util.List;

/**
 * The Thrift structures of parquet-format that this writer fills, in the compact protocol: the page header before
 * every data page and the footer's {@code FileMetaData}. Field ids and enum values are those of parquet.thrift;
 * optional fields that readers do not need (statistics, indexes, key-value metadata) are left out.
 */
final class Metadata {
    /** Written in the footer's {@code created_by}. */
    private static final String CREATED_BY = "faceembed";

    // Encoding
    private static final int PLAIN = 0;
    private static final int RLE = 3;
    // FieldRepetitionType
    private static final int REQUIRED = 0;
    private static final int OPTIONAL = 1;
    private static final int REPEATED = 2;
    // ConvertedType
    private static final int UTF8 = 0;
    private static final int LIST = 3;
    // LogicalType union members
    private static final int LOGICAL_STRING = 1;
    private static final int LOGICAL_LIST = 3;
    private static final int DATA_PAGE = 0;
    private static final int UNCOMPRESSED = 0;

    /** Where one column's chunk of a row group lies in the file and what it holds. */
    record Chunk(ParquetSchema.Column column, long offset, long bytes, long values) {
    }

    /** A written row group: its chunks in schema order. */
    record RowGroup(List<Chunk> chunks, long rows) {
        long offset() {
            return chunks.getFirst().offset();
        }

        long bytes() {
            return chunks.stream().mapToLong(Chunk::bytes).sum();
        }
    }

    private Metadata() {
    }

    /**
     * A version 1 data page's header: {@code values} counts every level entry (nulls and empty lists included);
     * values are PLAIN, levels RLE, and the page uncompressed, so both page sizes are {@code pageBytes}.
     */
    static void dataPageHeader(Bytes out, int pageBytes, int values) {
        new CompactWriter(out).structBegin()
                .i32(1, DATA_PAGE)
                .i32(2, pageBytes)
                .i32(3, pageBytes)
                .struct(5)
                .i32(1, values)
                .i32(2, PLAIN)
                .i32(3, RLE)
                .i32(4, RLE)
                .structEnd()
                .structEnd();
    }

    /** The footer: the schema, the row groups and where their chunks are. */
    static byte[] fileMetaData(ParquetSchema schema, List<RowGroup> rowGroups, long rows) {
        Bytes out = new Bytes();
        CompactWriter thrift = new CompactWriter(out).structBegin().i32(1, 1);
        List<ParquetSchema.Column> columns = schema.columns();
        int elements = 1 + columns.stream().mapToInt(c -> c.type() == ColumnType.FLOAT_LIST ? 3 : 1).sum();
        thrift.list(2, CompactWriter.STRUCT, elements);
        thrift.structBegin().string(4, "schema").i32(5, columns.size()).structEnd();
        for (ParquetSchema.Column column : columns) {
            schemaElements(thrift, column);
        }
        thrift.i64(3, rows).list(4, CompactWriter.STRUCT, rowGroups.size());
        for (RowGroup group : rowGroups) {
            rowGroup(thrift, group);
        }
        thrift.string(6, CREATED_BY).structEnd();
        return out.toByteArray();
    }

    private static void schemaElements(CompactWriter thrift, ParquetSchema.Column column) {
        ColumnType type = column.type();
        switch (type) {
            case STRING, OPTIONAL_STRING -> thrift.structBegin()
                    .i32(1, type.physicalType)
                    .i32(3, type == ColumnType.STRING ? REQUIRED : OPTIONAL)
                    .string(4, column.name())
                    .i32(6, UTF8)
                    .struct(10).emptyStruct(LOGICAL_STRING).structEnd()
                    .structEnd();
            case FLOAT_LIST -> {
                thrift.structBegin()
                        .i32(3, REQUIRED)
                        .string(4, column.name())
                        .i32(5, 1)
                        .i32(6, LIST)
                        .struct(10).emptyStruct(LOGICAL_LIST).structEnd()
                        .structEnd();
                thrift.structBegin().i32(3, REPEATED).string(4, "list").i32(5, 1).structEnd();
                thrift.structBegin().i32(1, type.physicalType).i32(3, REQUIRED).string(4, "element").structEnd();
            }
            case INT32, INT64, FLOAT, DOUBLE -> thrift.structBegin()
                    .i32(1, type.physicalType)
                    .i32(3, REQUIRED)
                    .string(4, column.name())
                    .structEnd();
        }
    }

    private static void rowGroup(CompactWriter thrift, RowGroup group) {
        thrift.structBegin().list(1, CompactWriter.STRUCT, group.chunks().size());
        for (Chunk chunk : group.chunks()) {
            // file_offset is required but deprecated; the format asks for 0 when no metadata is written elsewhere.
            thrift.structBegin().i64(2, 0).struct(3);
            columnMetaData(thrift, chunk);
            thrift.structEnd().structEnd();
        }
        thrift.i64(2, group.bytes())
                .i64(3, group.rows())
                .i64(5, group.offset())
                .i64(6, group.bytes())
                .structEnd();
    }

    private static void columnMetaData(CompactWriter thrift, Chunk chunk) {
        ColumnType type = chunk.column().type();
        boolean levels = type.maxDefinitionLevel > 0 || type.maxRepetitionLevel > 0;
        thrift.i32(1, type.physicalType).list(2, CompactWriter.I32, levels ? 2 : 1).i32Element(PLAIN);
        if (levels) {
            thrift.i32Element(RLE);
        }
        List<String> path = type == ColumnType.FLOAT_LIST
                ? List.of(chunk.column().name(), "list", "element")
                : List.of(chunk.column().name());
        thrift.list(3, CompactWriter.BINARY, path.size());
        path.forEach(thrift::stringElement);
        thrift.i32(4, UNCOMPRESSED)
                .i64(5, chunk.values())
                .i64(6, chunk.bytes())
                .i64(7, chunk.bytes())
                .i64(9, chunk.offset());
    }
}

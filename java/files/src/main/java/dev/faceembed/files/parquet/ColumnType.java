package dev.faceembed.files.parquet;

/**
 * The kinds of column {@link ParquetSchema} offers, with what Parquet needs to know of each: the physical type of
 * the values and the maximum definition and repetition levels. A required column has no levels; an optional one
 * has definition level 1 for a value and 0 for null; a list (required group, repeated group, required element) has
 * definition level 1 for an element and 0 for an empty list, and repetition level 0 for a list's first element and
 * 1 for the others.
 */
enum ColumnType {
    STRING("a string", PhysicalType.BYTE_ARRAY, 0, 0),
    OPTIONAL_STRING("an optional string", PhysicalType.BYTE_ARRAY, 1, 0),
    INT32("an int32", PhysicalType.INT32, 0, 0),
    INT64("an int64", PhysicalType.INT64, 0, 0),
    FLOAT("a float", PhysicalType.FLOAT, 0, 0),
    DOUBLE("a double", PhysicalType.DOUBLE, 0, 0),
    FLOAT_LIST("a list of floats", PhysicalType.FLOAT, 1, 1);

    /** Parquet's {@code Type} enum values. */
    static final class PhysicalType {
        static final int INT32 = 1;
        static final int INT64 = 2;
        static final int FLOAT = 4;
        static final int DOUBLE = 5;
        static final int BYTE_ARRAY = 6;

        private PhysicalType() {
        }
    }

    final String description;
    final int physicalType;
    final int maxDefinitionLevel;
    final int maxRepetitionLevel;

    ColumnType(String description, int physicalType, int maxDefinitionLevel, int maxRepetitionLevel) {
        this.description = description;
        this.physicalType = physicalType;
        this.maxDefinitionLevel = maxDefinitionLevel;
        this.maxRepetitionLevel = maxRepetitionLevel;
    }

    boolean isString() {
        return this == STRING || this == OPTIONAL_STRING;
    }
}

package dev.faceembed.files.parquet;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The values of one row, given in schema order to the callback of {@link ParquetFileWriter#row}. Each method takes
 * the next column's value and checks it is of that column's kind; a mismatch, a null for a required column, or too
 * many or too few values is an {@link IllegalArgumentException} naming the column, and nothing of the row is
 * written.
 *
 * <p>Values are held until the callback returns and written then, so arrays must not change before that; they are
 * not kept afterwards and may be reused for the next row.
 */
public final class ParquetRow {
    /** The most bytes one value may take, so a page, and a column chunk of a bounded row group, stay under 2 GiB. */
    static final int MAX_VALUE_BYTES = 256 << 20;

    private final List<ParquetSchema.Column> columns;
    private final Object[] values;
    private int count;

    ParquetRow(ParquetSchema schema) {
        columns = schema.columns();
        values = new Object[columns.size()];
    }

    /**
     * The next column's string, a required or optional string column; {@code null} only for an optional one.
     * Unpaired surrogates, which UTF-8 cannot encode, are written as {@code ?}.
     *
     * @param value the value
     * @return this row, for the next column
     */
    public ParquetRow string(String value) {
        ParquetSchema.Column column = next();
        if (!column.type().isString()) {
            throw mismatch(column, "a string");
        }
        if (value == null) {
            return nullString();
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        checkSize(column, utf8.length);
        return set(utf8);
    }

    /**
     * Null for the next column, which must be an optional string column.
     *
     * @return this row, for the next column
     */
    public ParquetRow nullString() {
        ParquetSchema.Column column = next();
        if (column.type() != ColumnType.OPTIONAL_STRING) {
            throw new IllegalArgumentException("column '" + column.name() + "' is " + column.type().description
                    + " and cannot be null");
        }
        return set(null);
    }

    /**
     * The next column's int32.
     *
     * @param value the value
     * @return this row, for the next column
     */
    public ParquetRow int32(int value) {
        expect(ColumnType.INT32, "an int32");
        return set(value);
    }

    /**
     * The next column's int64.
     *
     * @param value the value
     * @return this row, for the next column
     */
    public ParquetRow int64(long value) {
        expect(ColumnType.INT64, "an int64");
        return set(value);
    }

    /**
     * The next column's float; NaN and infinities are written as they are.
     *
     * @param value the value
     * @return this row, for the next column
     */
    public ParquetRow floatValue(float value) {
        expect(ColumnType.FLOAT, "a float");
        return set(value);
    }

    /**
     * The next column's double; NaN and infinities are written as they are.
     *
     * @param value the value
     * @return this row, for the next column
     */
    public ParquetRow doubleValue(double value) {
        expect(ColumnType.DOUBLE, "a double");
        return set(value);
    }

    /**
     * The next column's list of floats, possibly empty.
     *
     * @param value the value
     * @return this row, for the next column
     */
    public ParquetRow floats(float[] value) {
        ParquetSchema.Column column = expect(ColumnType.FLOAT_LIST, "a list of floats");
        if (value == null) {
            throw new IllegalArgumentException("column '" + column.name() + "' is a required list: null given");
        }
        checkSize(column, (long) value.length * Float.BYTES);
        return set(value);
    }

    /** Forgets the values of the previous row. */
    void start() {
        Arrays.fill(values, null);
        count = 0;
    }

    /** The row's values in column order, once every column has one. */
    Object[] finish() {
        if (count < columns.size()) {
            throw new IllegalArgumentException("the row ends before column '" + columns.get(count).name() + "' ("
                    + count + " of " + columns.size() + " values given)");
        }
        return values;
    }

    private ParquetSchema.Column expect(ColumnType type, String given) {
        ParquetSchema.Column column = next();
        if (column.type() != type) {
            throw mismatch(column, given);
        }
        return column;
    }

    private ParquetSchema.Column next() {
        if (count == columns.size()) {
            throw new IllegalArgumentException("the row has more values than the schema's " + columns.size()
                    + " columns");
        }
        return columns.get(count);
    }

    private ParquetRow set(Object value) {
        values[count++] = value;
        return this;
    }

    private static IllegalArgumentException mismatch(ParquetSchema.Column column, String given) {
        return new IllegalArgumentException("column '" + column.name() + "' is " + column.type().description
                + ", not " + given);
    }

    private static void checkSize(ParquetSchema.Column column, long bytes) {
        if (bytes > MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("column '" + column.name() + "': a value of " + bytes
                    + " bytes is over the limit of " + MAX_VALUE_BYTES);
        }
    }
}

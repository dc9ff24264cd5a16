package dev.faceembed.files.parquet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The columns of a Parquet file written by {@link ParquetFileWriter}, in order. Every column is a top-level field:
 * <ul>
 *   <li>{@code string}: {@code required binary <name> (STRING)}, UTF-8 text;</li>
 *   <li>{@code optionalString}: {@code optional binary <name> (STRING)}, text or null;</li>
 *   <li>{@code int32}, {@code int64}, {@code floatValue}, {@code doubleValue}: the required primitive;</li>
 *   <li>{@code floatList}: the standard three-level list {@code required group <name> (LIST) { repeated group list {
 *       required float element; } }}, of any length including 0.</li>
 * </ul>
 * Spark reads these as {@code string}, {@code int}, {@code bigint}, {@code float}, {@code double} and
 * {@code array<float>}.
 */
public final class ParquetSchema {
    /** One column: its name and kind. */
    record Column(String name, ColumnType type) {
    }

    private final List<Column> columns;

    private ParquetSchema(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    /**
     * A builder with no columns yet.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    List<Column> columns() {
        return columns;
    }

    /**
     * The column names in order.
     *
     * @return the names
     */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** Adds columns in the order of the calls; names must be non-empty and distinct. */
    public static final class Builder {
        private final List<Column> columns = new ArrayList<>();
        private final Set<String> names = new HashSet<>();

        private Builder() {
        }

        /**
         * A required UTF-8 string column.
         *
         * @param name the column's name
         * @return this builder
         */
        public Builder string(String name) {
            return add(name, ColumnType.STRING);
        }

        /**
         * A UTF-8 string column that may hold nulls.
         *
         * @param name the column's name
         * @return this builder
         */
        public Builder optionalString(String name) {
            return add(name, ColumnType.OPTIONAL_STRING);
        }

        /**
         * A required 32-bit signed integer column.
         *
         * @param name the column's name
         * @return this builder
         */
        public Builder int32(String name) {
            return add(name, ColumnType.INT32);
        }

        /**
         * A required 64-bit signed integer column.
         *
         * @param name the column's name
         * @return this builder
         */
        public Builder int64(String name) {
            return add(name, ColumnType.INT64);
        }

        /**
         * A required 32-bit float column.
         *
         * @param name the column's name
         * @return this builder
         */
        public Builder floatValue(String name) {
            return add(name, ColumnType.FLOAT);
        }

        /**
         * A required 64-bit float column.
         *
         * @param name the column's name
         * @return this builder
         */
        public Builder doubleValue(String name) {
            return add(name, ColumnType.DOUBLE);
        }

        /**
         * A required list of required floats, each row's list of any length.
         *
         * @param name the column's name
         * @return this builder
         */
        public Builder floatList(String name) {
            return add(name, ColumnType.FLOAT_LIST);
        }

        /**
         * The schema of the columns added.
         *
         * @return the schema
         * @throws IllegalArgumentException if no column was added
         */
        public ParquetSchema build() {
            if (columns.isEmpty()) {
                throw new IllegalArgumentException("a Parquet schema needs at least one column");
            }
            return new ParquetSchema(columns);
        }

        private Builder add(String name, ColumnType type) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a column name is empty");
            }
            if (!names.add(name)) {
                throw new IllegalArgumentException("column '" + name + "' is already in the schema");
            }
            columns.add(new Column(name, type));
            return this;
        }
    }
}

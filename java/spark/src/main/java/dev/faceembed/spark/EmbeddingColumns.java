package dev.faceembed.spark;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;

import java.io.Serial;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * The columns that embedding appends to each row, in this order: the embedding, why it is missing, and, when named,
 * the backend that embedded the row and why that backend runs instead of the configured one. Travels to the
 * executors inside the partition function.
 *
 * @param embedding      the embedding column
 * @param type           what the embedding column holds
 * @param error          the column saying why a row has no embedding
 * @param backend        the column naming the backend that ran, or {@code null} for none
 * @param fallbackReason the column saying why that backend is not the configured one, or {@code null} for none
 */
record EmbeddingColumns(String embedding, OutputType type, String error, String backend, String fallbackReason)
        implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    EmbeddingColumns {
        Objects.requireNonNull(type, "type");
        if (embedding == null || error == null) {
            throw new IllegalArgumentException("the embedding and error columns must be named");
        }
        List<String> named = present(embedding, error, backend, fallbackReason);
        if (named.stream().anyMatch(String::isBlank) || new HashSet<>(named).size() != named.size()) {
            throw new IllegalArgumentException("output column names must be distinct and not blank, got " + named);
        }
    }

    /** The names of the appended columns, in order. */
    List<String> names() {
        return present(embedding, error, backend, fallbackReason);
    }

    /**
     * {@code input} with these columns appended, {@code metadata} on the embedding column.
     *
     * @throws IllegalArgumentException if {@code input} already has one of them
     */
    StructType appendTo(StructType input, Metadata metadata) {
        List<String> taken = names().stream().filter(new HashSet<>(Arrays.asList(input.fieldNames()))::contains)
                .toList();
        if (!taken.isEmpty()) {
            throw new IllegalArgumentException("the input already has the column(s) " + taken + "; rename or drop"
                    + " them, or choose other output column names (the embedding columns are " + names() + ")");
        }
        StructType output = input
                .add(DataTypes.createStructField(embedding, type.dataType(), true, metadata))
                .add(DataTypes.createStructField(error, DataTypes.StringType, true));
        if (backend != null) {
            output = output.add(DataTypes.createStructField(backend, DataTypes.StringType, false));
        }
        if (fallbackReason != null) {
            output = output.add(DataTypes.createStructField(fallbackReason, DataTypes.StringType, true));
        }
        return output;
    }

    private static List<String> present(String... names) {
        return Arrays.stream(names).filter(Objects::nonNull).toList();
    }

    /** How many columns are appended. */
    int count() {
        return names().size();
    }

    /**
     * Writes the values of these columns for one row into {@code values} from index {@code at}.
     *
     * @param vector the row's embedding, or {@code null} when it has none
     * @param why    why it has none, else {@code null}
     */
    void put(Object[] values, int at, MemorySegment vector, String why, ExecutorBackend ran) {
        int i = at;
        values[i++] = vector == null ? null : type.value(vector);
        values[i++] = why;
        if (backend != null) {
            values[i++] = ran.name();
        }
        if (fallbackReason != null) {
            values[i] = ran.fallbackReason();
        }
    }
}

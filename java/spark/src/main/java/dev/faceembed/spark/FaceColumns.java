package dev.faceembed.spark;

import dev.faceembed.detect.Face;
import dev.faceembed.detect.FaceBox;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
 * The columns the photo stage writes after the key columns, in this order: the face's index within its photo, its
 * box, score and five landmarks, its embedding, and why the photo gave no face. A face's row has the error null; a
 * photo without a face (or that could not be read) has one row with every face column null and the error set.
 * Travels to the executors inside the partition function.
 *
 * @param faceIndex the face's index within its photo, highest score first
 * @param box       the box, {@code struct<x1, y1, x2, y2: float>} in photo pixels
 * @param score     the detector's score, 0 to 1
 * @param landmarks the five landmarks as {@code x0, y0, ..., x4, y4} in photo pixels
 * @param embedding the embedding
 * @param type      what the embedding column holds
 * @param error     why the photo gave no face
 */
record FaceColumns(String faceIndex, String box, String score, String landmarks, String embedding, OutputType type,
                   String error) implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final StructType BOX = new StructType()
            .add("x1", DataTypes.FloatType, false).add("y1", DataTypes.FloatType, false)
            .add("x2", DataTypes.FloatType, false).add("y2", DataTypes.FloatType, false);
    private static final int COUNT = 6;

    FaceColumns {
        Objects.requireNonNull(type, "type");
        List<String> named = Arrays.asList(faceIndex, box, score, landmarks, embedding, error);
        if (named.stream().anyMatch(name -> name == null || name.isBlank())
                || new HashSet<>(named).size() != named.size()) {
            throw new IllegalArgumentException("the face columns must be named, distinct and not blank, got "
                    + named);
        }
    }

    /** The names of these columns, in order. */
    List<String> names() {
        return List.of(faceIndex, box, score, landmarks, embedding, error);
    }

    /**
     * {@code keys} with these columns appended, {@code metadata} on the embedding column.
     *
     * @throws IllegalArgumentException if a key column has the name of one of them
     */
    StructType appendTo(StructType keys, Metadata metadata) {
        List<String> taken = names().stream().filter(new HashSet<>(Arrays.asList(keys.fieldNames()))::contains)
                .toList();
        if (!taken.isEmpty()) {
            throw new IllegalArgumentException("the key column(s) " + taken + " have the names of face columns;"
                    + " choose other face column names (they are " + names() + ") or other key columns");
        }
        return keys
                .add(faceIndex, DataTypes.IntegerType, true)
                .add(box, BOX, true)
                .add(score, DataTypes.FloatType, true)
                .add(landmarks, DataTypes.createArrayType(DataTypes.FloatType, false), true)
                .add(DataTypes.createStructField(embedding, type.dataType(), true, metadata))
                .add(error, DataTypes.StringType, true);
    }

    /** The row of face {@code index} of a photo whose key values are {@code key}. */
    Row face(Object[] key, int index, Face face) {
        Object[] values = Arrays.copyOf(key, key.length + COUNT);
        FaceBox b = face.box();
        int i = key.length;
        values[i++] = index;
        values[i++] = RowFactory.create(b.x1(), b.y1(), b.x2(), b.y2());
        values[i++] = face.score();
        values[i++] = face.landmarks().toArray();
        values[i] = type.value(MemorySegment.ofArray(face.embedding()));
        return RowFactory.create(values);
    }

    /** The one row of a photo that gave no face, and why. */
    Row noFace(Object[] key, String why) {
        Object[] values = Arrays.copyOf(key, key.length + COUNT);
        values[values.length - 1] = why;
        return RowFactory.create(values);
    }
}

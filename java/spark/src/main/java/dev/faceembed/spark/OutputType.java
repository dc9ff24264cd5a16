package dev.faceembed.spark;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** What the embedding column holds: the floats as they come from the backend, or an ML vector for MLlib stages. */
public enum OutputType {
    /** {@code array<float>}, the backend's own precision: 2 KiB per 512-d embedding. */
    ARRAY {
        @Override
        DataType dataType() {
            return DataTypes.createArrayType(DataTypes.FloatType, false);
        }

        @Override
        Object value(MemorySegment embedding) {
            return embedding.toArray(ValueLayout.JAVA_FLOAT);
        }
    },
    /** An ML {@code Vector} (dense, doubles), what {@code org.apache.spark.ml} estimators take as features. */
    VECTOR {
        @Override
        DataType dataType() {
            return SQLDataTypes.VectorType();
        }

        @Override
        Object value(MemorySegment embedding) {
            float[] floats = embedding.toArray(ValueLayout.JAVA_FLOAT);
            double[] values = new double[floats.length];
            for (int i = 0; i < floats.length; i++) {
                values[i] = floats[i];
            }
            return Vectors.dense(values);
        }
    };

    abstract DataType dataType();

    /** The column value of one embedding (a slice of the backend's output). */
    abstract Object value(MemorySegment embedding);
}

package dev.faceembed.spark;

import dev.faceembed.detect.FacePipeline;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

import java.io.Serial;
import java.util.Iterator;

/**
 * The function each task of the photo stage runs on its partition: takes this executor's shared backend (checking
 * that it runs the model the driver recorded) and the face pipeline over it, and turns the photos into face rows.
 * Holds only plain values, so Spark can ship it to executors.
 */
final class PartitionFaceFinder implements MapPartitionsFunction<Row, Row> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ConfigSource config;
    private final int photoColumn;
    private final int[] keyColumns;
    private final int batchSize;
    private final boolean largestOnly;
    private final FaceColumns columns;
    private final String modelSha256;

    /**
     * @param modelSha256 the sha256 of the embedding model the driver read (and recorded in the column metadata)
     */
    PartitionFaceFinder(ConfigSource config, int photoColumn, int[] keyColumns, int batchSize, boolean largestOnly,
                        FaceColumns columns, String modelSha256) {
        this.config = config;
        this.photoColumn = photoColumn;
        this.keyColumns = keyColumns.clone();
        this.batchSize = batchSize;
        this.largestOnly = largestOnly;
        this.columns = columns;
        this.modelSha256 = modelSha256;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows;
        }
        ExecutorBackend backend = ExecutorBackends.acquire(config, modelSha256);
        FacePipeline pipeline = ExecutorPipelines.acquire(config, backend);
        return new FaceRowIterator(rows, pipeline, photoColumn, keyColumns, batchSize, largestOnly, columns);
    }
}

package dev.faceembed.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

import java.io.Serial;
import java.util.Iterator;

/**
 * The function each task runs on its partition: takes this executor's shared backend, checks that it runs the model
 * the driver recorded, and embeds the rows batch by batch. Holds only plain values, so Spark can ship it to executors.
 */
final class PartitionEmbedder implements MapPartitionsFunction<Row, Row> {
    @Serial
    private static final long serialVersionUID = 2L;

    private final ConfigSource config;
    private final int cropColumn;
    private final CropEncoding encoding;
    private final int batchSize;
    private final EmbeddingColumns columns;
    private final String modelSha256;

    /**
     * @param modelSha256 the sha256 of the model the driver read (and recorded in the column metadata)
     */
    PartitionEmbedder(ConfigSource config, int cropColumn, CropEncoding encoding, int batchSize,
                      EmbeddingColumns columns, String modelSha256) {
        this.config = config;
        this.cropColumn = cropColumn;
        this.encoding = encoding;
        this.batchSize = batchSize;
        this.columns = columns;
        this.modelSha256 = modelSha256;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows;
        }
        ExecutorBackend backend = ExecutorBackends.acquire(config, modelSha256);
        EmbeddedRowIterator embedded = new EmbeddedRowIterator(rows, backend, cropColumn, encoding, batchSize,
                columns);
        TaskContext task = TaskContext.get();
        if (task != null) {
            // Frees the batch memory of a partition that was not read to the end (limit(), a failed write).
            task.addTaskCompletionListener((TaskCompletionListener) context -> embedded.release());
        }
        return embedded;
    }
}

package dev.faceembed.spark;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.TaskCompletionListener;

import java.io.Serial;
import java.util.Iterator;

/**
 * The function each task runs on its partition: takes this executor's shared backend and embeds the rows batch by
 * batch. Holds only plain values, so Spark can ship it to executors.
 */
final class PartitionEmbedder implements MapPartitionsFunction<Row, Row> {
    @Serial
    private static final long serialVersionUID = 1L;

    private final ConfigSource config;
    private final int cropColumn;
    private final CropEncoding encoding;
    private final int batchSize;

    PartitionEmbedder(ConfigSource config, int cropColumn, CropEncoding encoding, int batchSize) {
        this.config = config;
        this.cropColumn = cropColumn;
        this.encoding = encoding;
        this.batchSize = batchSize;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        if (!rows.hasNext()) {
            return rows;
        }
        EmbeddedRowIterator embedded = new EmbeddedRowIterator(rows, ExecutorBackends.acquire(config), cropColumn,
                encoding, batchSize);
        TaskContext task = TaskContext.get();
        if (task != null) {
            // Frees the batch memory of a partition that was not read to the end (limit(), a failed write).
            task.addTaskCompletionListener((TaskCompletionListener) context -> embedded.release());
        }
        return embedded;
    }
}

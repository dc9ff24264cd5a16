package dev.faceembed.spark;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.FaceBatch;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rows of one partition with the embedding columns appended: reads up to a batch of input rows, writes their crops
 * into one off-heap batch (allocated once per partition and refilled), encodes it in one call, then hands out the
 * rows. Rows whose crop is missing or cannot be read get a null embedding and the reason; failures of the backend
 * itself propagate, so Spark fails and retries the task.
 *
 * <p>Not thread-safe, like every Spark partition iterator; {@link #release()} may come from another thread.
 */
final class EmbeddedRowIterator implements Iterator<Row> {
    private final Iterator<Row> input;
    private final ExecutorBackend backend;
    private final int cropColumn;
    private final CropEncoding encoding;
    private final EmbeddingColumns columns;
    private final int added;
    private final int dim;
    // Shared, not confined: Spark may run the task-completion listener that releases it on another thread.
    private final Arena arena = Arena.ofShared();
    private final AtomicBoolean released = new AtomicBoolean();
    private final FaceBatch batch;
    private final MemorySegment out;
    private final Row[] rows;
    private final int[] slots;
    private final String[] errors;
    private int buffered;
    private int next;

    EmbeddedRowIterator(Iterator<Row> input, ExecutorBackend backend, int cropColumn, CropEncoding encoding,
                        int batchSize, EmbeddingColumns columns) {
        this.input = input;
        this.backend = backend;
        this.cropColumn = cropColumn;
        this.encoding = encoding;
        this.columns = columns;
        this.added = columns.count();
        EmbeddingBackend embedder = backend.backend();
        this.dim = embedder.embeddingDim();
        boolean success = false;
        try {
            this.batch = embedder.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, batchSize);
            this.out = arena.allocate((long) batchSize * dim * Float.BYTES, FaceBatch.ALIGNMENT);
            success = true;
        } finally {
            if (!success) {
                release();
            }
        }
        this.rows = new Row[batchSize];
        this.slots = new int[batchSize];
        this.errors = new String[batchSize];
    }

    @Override
    public boolean hasNext() {
        if (next < buffered) {
            return true;
        }
        if (released.get() || !input.hasNext()) {
            release();
            return false;
        }
        embedNextBatch();
        return true;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int i = next++;
        Row row = rows[i];
        rows[i] = null;
        Object[] values = new Object[row.length() + added];
        for (int c = 0; c < row.length(); c++) {
            values[c] = row.get(c);
        }
        MemorySegment embedding = slots[i] < 0 ? null
                : out.asSlice((long) slots[i] * dim * Float.BYTES, (long) dim * Float.BYTES);
        columns.put(values, row.length(), embedding, errors[i], backend);
        return RowFactory.create(values);
    }

    /** Frees the off-heap batch; idempotent. Called at the end of the partition and when the task ends. */
    void release() {
        if (released.compareAndSet(false, true)) {
            arena.close();
        }
    }

    private void embedNextBatch() {
        buffered = 0;
        next = 0;
        int crops = 0;
        while (buffered < rows.length && input.hasNext()) {
            Row row = input.next();
            rows[buffered] = row;
            slots[buffered] = -1;
            errors[buffered] = null;
            if (row.isNullAt(cropColumn)) {
                errors[buffered] = "no crop: the value is null";
            } else {
                try {
                    encoding.put((byte[]) row.get(cropColumn), batch, crops);
                    slots[buffered] = crops++;
                } catch (RuntimeException e) {
                    // A bad row must not fail the job: any decoder failure becomes that row's error.
                    errors[buffered] = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
                }
            }
            buffered++;
        }
        if (crops > 0) {
            batch.setCount(crops);
            backend.backend().encodeInto(batch, out);
        }
    }
}

package dev.faceembed.files.parquet;

import dev.faceembed.files.AtomicFile;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Writes a Parquet file row by row, with the JDK alone: PLAIN values in version 1 data pages, RLE levels, no
 * compression, no statistics. Rows are buffered a row group at a time (by default up to
 * {@value #DEFAULT_ROW_GROUP_ROWS} rows or {@value #DEFAULT_ROW_GROUP_BYTES} bytes), so memory stays bounded
 * however many rows there are.
 *
 * <p>The file is written under a temporary name ({@link AtomicFile}) and appears under its own name, complete, only
 * at {@link #commit()}; closing without a commit deletes it and leaves any earlier file of that name as it was.
 *
 * <pre>{@code
 * ParquetSchema schema = ParquetSchema.builder().string("file").int32("face").floatList("embedding")
 *         .optionalString("error").build();
 * try (ParquetFileWriter writer = ParquetFileWriter.create(path, schema)) {
 *     writer.row(r -> r.string("a.jpg").int32(0).floats(embedding).nullString());
 *     writer.commit();
 * }
 * }</pre>
 *
 * Not thread-safe: one thread writes a file.
 */
public final class ParquetFileWriter implements AutoCloseable {
    /** Rows after which {@link #create(Path, ParquetSchema)} closes a row group. */
    public static final int DEFAULT_ROW_GROUP_ROWS = 1_000_000;
    /** Buffered bytes at which {@link #create(Path, ParquetSchema)} closes a row group: 64 MiB. */
    public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;
    /** Bounds a column chunk, which is buffered whole, well under the 2 GiB of a Java array. */
    public static final long MAX_ROW_GROUP_BYTES = 1L << 30;

    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    private final AtomicFile file;
    private final OutputStream out;
    private final ParquetSchema schema;
    private final int rowGroupRows;
    private final long rowGroupBytes;
    private final ParquetRow row;
    private final List<ColumnChunkWriter> columns = new ArrayList<>();
    private final List<Metadata.RowGroup> rowGroups = new ArrayList<>();
    private long position;
    private long rows;
    private int groupRows;
    private boolean finished;
    private boolean committed;
    private boolean closed;
    private boolean failed;

    private ParquetFileWriter(AtomicFile file, OutputStream out, ParquetSchema schema, int rowGroupRows,
                              long rowGroupBytes) {
        this.file = file;
        this.out = out;
        this.schema = schema;
        this.rowGroupRows = rowGroupRows;
        this.rowGroupBytes = rowGroupBytes;
        this.row = new ParquetRow(schema);
        schema.columns().forEach(column -> columns.add(new ColumnChunkWriter(column)));
    }

    /**
     * A writer of {@code target} with the default row group bounds.
     *
     * @param target where the file appears at {@link #commit()}
     * @param schema its columns
     * @return the writer, holding a temporary file beside {@code target}
     * @throws IOException if the temporary file cannot be created
     */
    public static ParquetFileWriter create(Path target, ParquetSchema schema) throws IOException {
        return create(target, schema, DEFAULT_ROW_GROUP_ROWS, DEFAULT_ROW_GROUP_BYTES);
    }

    /**
     * A writer of {@code target} that closes a row group once it has {@code rowGroupRows} rows or holds
     * {@code rowGroupBytes} bytes, whichever comes first.
     *
     * @param target        where the file appears at {@link #commit()}
     * @param schema        its columns
     * @param rowGroupRows  at least 1
     * @param rowGroupBytes 1 to {@value #MAX_ROW_GROUP_BYTES}
     * @return the writer, holding a temporary file beside {@code target}
     * @throws IOException if the temporary file cannot be created
     */
    public static ParquetFileWriter create(Path target, ParquetSchema schema, int rowGroupRows, long rowGroupBytes)
            throws IOException {
        Objects.requireNonNull(schema, "schema");
        if (rowGroupRows < 1) {
            throw new IllegalArgumentException("rows per row group must be at least 1: " + rowGroupRows);
        }
        if (rowGroupBytes < 1 || rowGroupBytes > MAX_ROW_GROUP_BYTES) {
            throw new IllegalArgumentException("bytes per row group must be 1 to " + MAX_ROW_GROUP_BYTES + ": "
                    + rowGroupBytes);
        }
        AtomicFile file = AtomicFile.create(target);
        OutputStream out;
        try {
            out = new BufferedOutputStream(Files.newOutputStream(file.temp(), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING), 1 << 16);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
        ParquetFileWriter writer = new ParquetFileWriter(file, out, schema, rowGroupRows, rowGroupBytes);
        try {
            writer.write(MAGIC);
        } catch (IOException | RuntimeException e) {
            writer.close();
            throw e;
        }
        return writer;
    }

    /**
     * Adds a row: {@code values} is given a {@link ParquetRow} and must set one value for each column, in schema
     * order. If it throws, nothing of the row is written and the writer can go on.
     *
     * @param values sets the row's values
     * @throws IllegalArgumentException naming the column whose value is missing or of the wrong kind
     * @throws IOException if closing a full row group failed; the file cannot be committed then
     */
    public void row(Consumer<ParquetRow> values) throws IOException {
        checkWritable();
        if (finished) {
            throw new IllegalStateException("the Parquet file was finished: no row may follow");
        }
        row.start();
        values.accept(row);
        Object[] checked = row.finish();
        // From here on a failure leaves the columns out of step (or a row group half written): the file cannot be
        // finished, and stays marked failed unless everything below completes.
        failed = true;
        for (int i = 0; i < checked.length; i++) {
            columns.get(i).append(checked[i]);
        }
        rows++;
        groupRows++;
        if (groupRows >= rowGroupRows || bufferedBytes() >= rowGroupBytes) {
            flushRowGroup();
        }
        failed = false;
    }

    /**
     * Rows added so far.
     *
     * @return the count
     */
    public long rows() {
        return rows;
    }

    /**
     * Writes the last row group and the footer and closes the temporary file, so that {@link #commit()} only
     * renames it: a caller publishing several files together finishes them all first. No row may follow.
     *
     * @throws IllegalStateException if already committed or closed, or if an earlier write failed
     * @throws IOException           if the file cannot be written
     */
    public void finish() throws IOException {
        checkWritable();
        if (finished) {
            return;
        }
        failed = true; // as in row(): a footer after a failed write would describe a broken file
        flushRowGroup();
        byte[] footer = Metadata.fileMetaData(schema, rowGroups, rows);
        write(footer);
        Bytes length = new Bytes(4);
        length.writeIntLE(footer.length);
        write(length.toByteArray());
        write(MAGIC);
        out.close();
        finished = true;
        failed = false;
    }

    /**
     * Finishes the file (see {@link #finish()}) and publishes it under its name.
     *
     * @throws IllegalStateException if already committed or closed, or if an earlier write failed
     * @throws IOException           if the file cannot be written or renamed
     */
    public void commit() throws IOException {
        finish();
        file.commit();
        committed = true;
    }

    /** Deletes the temporary file unless committed; the target is left as it was. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (committed) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            // The file is deleted next; what was not flushed to it does not matter.
        }
        file.close();
    }

    private void checkWritable() {
        if (committed) {
            throw new IllegalStateException("the Parquet file was already committed");
        }
        if (closed) {
            throw new IllegalStateException("the Parquet writer is closed");
        }
        if (failed) {
            throw new IllegalStateException("an earlier write failed; the Parquet file cannot be finished");
        }
    }

    private long bufferedBytes() {
        long total = 0;
        for (ColumnChunkWriter column : columns) {
            total += column.bufferedBytes();
        }
        return total;
    }

    private void flushRowGroup() throws IOException {
        if (groupRows == 0) {
            return;
        }
        List<Metadata.Chunk> chunks = new ArrayList<>(columns.size());
        for (ColumnChunkWriter column : columns) {
            column.finishPage();
            chunks.add(new Metadata.Chunk(column.column(), position, column.chunkBytes(), column.chunkValues()));
            position += column.chunkBytes();
            column.writeChunkTo(out);
        }
        rowGroups.add(new Metadata.RowGroup(chunks, groupRows));
        groupRows = 0;
    }

    private void write(byte[] bytes) throws IOException {
        out.write(bytes);
        position += bytes.length;
    }
}

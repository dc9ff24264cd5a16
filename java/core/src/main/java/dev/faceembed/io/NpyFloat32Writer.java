package dev.faceembed.io;

import dev.faceembed.files.AtomicFile;
import dev.faceembed.files.IoErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Streams a float32 {@code (rows, dim)} {@code .npy} array to disk: rows are appended as they are produced, into an
 * {@link AtomicFile} that {@link #commit()} puts in place. The number of rows may end up below the most announced
 * (inputs skipped on the way): the header is written for the most and rewritten, to the same length, at commit.
 * Closing without committing (an error, an interrupted job) leaves any existing target untouched and no temporary
 * file behind.
 */
public final class NpyFloat32Writer implements AutoCloseable {
    private final AtomicFile file;
    private final FileChannel channel;
    private final long[] shape;
    private final long rowElements;
    private final int headerLength;
    private final long expectedBytes;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long written;
    private boolean finished;

    /** A writer of at most {@code maxRows} rows of {@code dim} floats. */
    public NpyFloat32Writer(Path target, long maxRows, int dim) {
        this(target, new long[]{maxRows, dim}, dim);
    }

    /** A writer of an array of {@code shape}, whose first dimension (rows) may end up smaller. */
    NpyFloat32Writer(Path target, long[] shape, long rowElements) {
        this.shape = shape.clone();
        this.rowElements = rowElements;
        this.expectedBytes = Math.multiplyExact(shape[0], rowElements) * Float.BYTES;
        byte[] header = Npy.float32Header(shape, 0);
        this.headerLength = header.length;
        try {
            this.file = AtomicFile.create(target);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        try {
            this.channel = FileChannel.open(file.temp(), StandardOpenOption.WRITE);
            channel.write(ByteBuffer.wrap(header));
        } catch (IOException e) {
            file.close();
            throw cannotWrite(target, e);
        }
    }

    /** Appends the floats of {@code data} (native order in memory, little-endian on disk). */
    public void append(MemorySegment data) {
        if (written + data.byteSize() > expectedBytes) {
            throw new IllegalStateException("more data than the declared shape holds");
        }
        try {
            for (long offset = 0; offset < data.byteSize(); offset += Float.BYTES) {
                if (buffer.remaining() < Float.BYTES) {
                    flush();
                }
                buffer.putFloat(data.get(ValueLayout.JAVA_FLOAT_UNALIGNED, offset));
            }
            written += data.byteSize();
        } catch (IOException e) {
            throw cannotWrite(file.target(), e);
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /**
     * Writes what is buffered and the final header, and closes the temporary file: after this only the rename of
     * {@link #commit()} is left, so several files can be made ready before any of them is put in place.
     */
    public void finish() {
        if (finished) {
            return;
        }
        long rowBytes = rowElements * Float.BYTES;
        if (rowBytes > 0 && written % rowBytes != 0) {
            throw new IllegalStateException("wrote " + written + " bytes, not a whole number of rows");
        }
        try {
            flush();
            if (rowBytes > 0 && written / rowBytes != shape[0]) {
                long[] actual = shape.clone();
                actual[0] = written / rowBytes;
                channel.write(ByteBuffer.wrap(Npy.float32Header(actual, headerLength)), 0);
            }
            channel.close();
            finished = true;
        } catch (IOException e) {
            throw cannotWrite(file.target(), e);
        }
    }

    /** Makes the file visible under its name, with as many rows as were appended. */
    public void commit() {
        finish();
        try {
            file.commit();
        } catch (IOException e) {
            throw cannotWrite(file.target(), e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file.temp() + ": " + e.getMessage(), e);
        } finally {
            file.close();
        }
    }

    /** A write failure: the file system's reason, never a usage error (disk full, no permission, not a folder). */
    static UncheckedIOException cannotWrite(Path target, IOException e) {
        return new UncheckedIOException("cannot write " + target + ": " + IoErrors.describe(e), e);
    }
}

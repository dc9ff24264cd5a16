package dev.faceembed.io;

import dev.faceembed.files.AtomicFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Streams a float32 {@code .npy} array of a known shape to disk: rows are appended as they are produced, into an
 * {@link AtomicFile} that {@link #commit()} puts in place. Closing without committing (an error, an interrupted job)
 * leaves any existing target untouched and no temporary file behind.
 */
public final class NpyFloat32Writer implements AutoCloseable {
    private final AtomicFile file;
    private final FileChannel channel;
    private final long expectedBytes;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private long written;

    public NpyFloat32Writer(Path target, long[] shape) {
        this.expectedBytes = Arrays.stream(shape).reduce(1, Math::multiplyExact) * Float.BYTES;
        try {
            this.file = AtomicFile.create(target);
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
        try {
            this.channel = FileChannel.open(file.temp(), StandardOpenOption.WRITE);
            channel.write(ByteBuffer.wrap(Npy.float32Header(shape)));
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

    /** Makes the file visible under its name; every row of the declared shape must have been appended. */
    public void commit() {
        if (written != expectedBytes) {
            throw new IllegalStateException("wrote " + written + " of " + expectedBytes + " bytes");
        }
        try {
            flush();
            channel.close();
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
        return new UncheckedIOException("cannot write " + target + ": " + describe(e), e);
    }

    private static String describe(IOException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e instanceof java.nio.file.FileSystemException f && f.getReason() != null
                ? f.getReason() + " (" + f.getFile() + ")" : reason;
    }
}

package dev.faceembed.files.parquet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * A growable byte buffer with the little-endian and varint writes that Parquet and Thrift need. Unlike
 * {@link java.io.ByteArrayOutputStream} it is unsynchronized, exposes its array to the level encoder without a copy,
 * and can be reset for the next page without giving its memory back.
 */
final class Bytes {
    // Arrays of exactly Integer.MAX_VALUE elements cannot be allocated on common JVMs.
    private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    private byte[] data;
    private int size;

    Bytes() {
        this(256);
    }

    Bytes(int capacity) {
        data = new byte[capacity];
    }

    int size() {
        return size;
    }

    /** The backing array; only its first {@link #size()} bytes are meaningful. */
    byte[] array() {
        return data;
    }

    void reset() {
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(data, size);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(data, 0, size);
    }

    void write(int b) {
        ensure(1);
        data[size++] = (byte) b;
    }

    void write(byte[] bytes) {
        write(bytes, 0, bytes.length);
    }

    void write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, data, size, length);
        size += length;
    }

    void write(Bytes other) {
        write(other.data, 0, other.size);
    }

    void writeIntLE(int value) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            data[size++] = (byte) (value >>> (8 * i));
        }
    }

    void writeLongLE(long value) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            data[size++] = (byte) (value >>> (8 * i));
        }
    }

    /** {@code value} as an unsigned LEB128 varint: 7 bits a byte, low bits first, high bit set on all but the last. */
    void writeUnsignedVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        write((int) value);
    }

    private void ensure(int more) {
        if (more > MAX_SIZE - size) {
            throw new IllegalStateException("buffer would exceed " + MAX_SIZE + " bytes");
        }
        if (size + more > data.length) {
            long doubled = 2L * data.length;
            data = Arrays.copyOf(data, (int) Math.min(MAX_SIZE, Math.max(doubled, size + more)));
        }
    }
}

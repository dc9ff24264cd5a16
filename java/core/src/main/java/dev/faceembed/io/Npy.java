package dev.faceembed.io;

import dev.faceembed.InvalidInputException;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * NumPy {@code .npy} files (format versions 1 to 3): little-endian float32 ({@code <f4}) and uint8 ({@code |u1})
 * arrays in C order, mapped into off-heap memory and written atomically.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    /** Element types this reader handles. */
    public enum DType {
        FLOAT32("<f4", 4),
        UINT8("|u1", 1);

        private final String descr;
        private final int bytes;

        DType(String descr, int bytes) {
            this.descr = descr;
            this.bytes = bytes;
        }

        public int bytes() {
            return bytes;
        }
    }

    /** A loaded array: its element type, shape, and data in memory owned by the arena it was read into. */
    public record Array(DType dtype, long[] shape, MemorySegment data) {
        public long elements() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }

        public String shapeString() {
            return Arrays.toString(shape).replace('[', '(').replace(']', ')');
        }
    }

    private Npy() {
    }

    /**
     * numpy refuses headers longer than this by default ({@code max_header_size}), so no file it writes has one;
     * the limit also bounds what a hostile header can make this reader allocate.
     */
    static final int MAX_HEADER_BYTES = 10_000;

    /**
     * Maps the data of {@code file} into memory owned by {@code arena} (no copy, nothing allocated up front; a copy
     * only where the data is not 4-byte aligned). The header is checked before anything else is read: its length
     * against the file, its fields as a Python dict, the data size against the file's size.
     */
    public static Array read(Path file, Arena arena) {
        String where = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, prefix, file);
            prefix.flip();
            byte[] magic = new byte[6];
            prefix.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(where + " is not a NumPy .npy file (bad magic)");
            }
            int major = prefix.get();
            prefix.get();
            long headerLength = switch (major) {
                case 1 -> Short.toUnsignedInt(prefix.getShort());
                case 2, 3 -> Integer.toUnsignedLong(prefix.getInt());
                default -> throw new InvalidInputException(where + ": unsupported .npy format version " + major);
            };
            long headerStart = major == 1 ? 10 : 12;
            if (headerLength > MAX_HEADER_BYTES || headerStart + headerLength > size) {
                throw new InvalidInputException(where + ": .npy header length " + headerLength + " is "
                        + (headerLength > MAX_HEADER_BYTES ? "larger than numpy's limit of " + MAX_HEADER_BYTES
                        : "beyond the end of the " + size + "-byte file") + ": the file is damaged or not .npy");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            channel.position(headerStart);
            readFully(channel, headerBytes, file);
            NpyHeader header = NpyHeader.parse(new String(headerBytes.array(), major == 3 ? StandardCharsets.UTF_8
                    : StandardCharsets.ISO_8859_1), where);
            DType dtype = dtype(header.descr(), where);
            if (header.fortranOrder()) {
                throw new InvalidInputException(where + " is in Fortran order; save it in C order"
                        + " (numpy.ascontiguousarray)");
            }
            long elements = header.elements(where);
            long dataStart = headerStart + headerLength;
            if (elements > (size - dataStart) / dtype.bytes) {
                throw new InvalidInputException(where + " is truncated: shape " + header.shapeText() + " needs "
                        + elements + " values of " + dtype.bytes + " bytes, the file has " + (size - dataStart)
                        + " data bytes");
            }
            return new Array(dtype, header.shape(), data(channel, dataStart, elements * dtype.bytes, arena));
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + where + ": " + e.getMessage(), e);
        }
    }

    private static MemorySegment data(FileChannel channel, long start, long bytes, Arena arena) throws IOException {
        if (bytes == 0) {
            return arena.allocate(1, 64);
        }
        MemorySegment mapped = channel.map(FileChannel.MapMode.READ_ONLY, start, bytes, arena);
        if (mapped.address() % Float.BYTES == 0) {
            return mapped;
        }
        MemorySegment aligned = arena.allocate(bytes, 64);
        aligned.copyFrom(mapped);
        return aligned;
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new InvalidInputException(file + " is truncated");
            }
        }
    }

    private static DType dtype(String descr, String where) {
        for (DType t : DType.values()) {
            if (t.descr.equals(descr) || (t == DType.UINT8 && descr.equals("<u1"))) {
                return t;
            }
        }
        throw new InvalidInputException(where + " holds " + descr + " values; expected float32 ('<f4') or"
                + " uint8 ('|u1')");
    }

    /** Writes a float32 array of {@code shape} from {@code data} (native order) to {@code file} atomically. */
    public static void writeFloat32(Path file, long[] shape, MemorySegment data) {
        long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        if (shape.length == 0 || data.byteSize() < elements * Float.BYTES) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + elements * Float.BYTES
                    + " bytes of data, got " + data.byteSize());
        }
        long rowElements = elements / Math.max(1, shape[0]);
        try (NpyFloat32Writer writer = new NpyFloat32Writer(file, shape, rowElements)) {
            writer.append(data.asSlice(0, elements * Float.BYTES));
            writer.commit();
        }
    }

    /**
     * The header of a C-order float32 array (format 1.0), padded so the data starts on a 64-byte boundary, or to
     * exactly {@code length} bytes when that is not 0 (a header rewritten in place).
     */
    static byte[] float32Header(long[] shape, int length) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        if (shape.length > 1) {
            dims.setLength(dims.length() - 2);
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = length == 0 ? (64 - unpadded % 64) % 64 : length - unpadded;
        if (padding < 0) {
            throw new IllegalArgumentException("a header for " + Arrays.toString(shape) + " needs more than " + length
                    + " bytes");
        }
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }
}

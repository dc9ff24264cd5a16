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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format versions 1 to 3): little-endian float32 ({@code <f4}) and uint8 ({@code |u1})
 * arrays in C order, read into off-heap memory and written atomically.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

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

    /** Reads {@code file} into {@code arena}. */
    public static Array read(Path file, Arena arena) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer prefix = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            readFully(channel, prefix, file);
            prefix.flip();
            byte[] magic = new byte[6];
            prefix.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(file + " is not a NumPy .npy file (bad magic)");
            }
            int major = prefix.get();
            prefix.get();
            long headerLength;
            long headerStart;
            if (major == 1) {
                headerLength = Short.toUnsignedInt(prefix.getShort());
                headerStart = 10;
            } else if (major == 2 || major == 3) {
                headerLength = Integer.toUnsignedLong(prefix.getInt());
                headerStart = 12;
            } else {
                throw new InvalidInputException(file + ": unsupported .npy format version " + major);
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            channel.position(headerStart);
            readFully(channel, headerBytes, file);
            String header = new String(headerBytes.array(), major == 3 ? StandardCharsets.UTF_8
                    : StandardCharsets.ISO_8859_1);
            DType dtype = dtype(header, file);
            long[] shape = shape(header, file);
            Matcher fortran = FORTRAN.matcher(header);
            if (fortran.find() && fortran.group(1).equals("True")) {
                throw new InvalidInputException(file + " is in Fortran order; save it in C order"
                        + " (numpy.ascontiguousarray)");
            }
            long bytes = Arrays.stream(shape).reduce(1, Math::multiplyExact) * dtype.bytes;
            long available = channel.size() - headerStart - headerLength;
            if (available < bytes) {
                throw new InvalidInputException(file + " is truncated: shape " + Arrays.toString(shape) + " needs "
                        + bytes + " data bytes, the file has " + available);
            }
            MemorySegment data = arena.allocate(Math.max(1, bytes), 64);
            channel.position(headerStart + headerLength);
            ByteBuffer target = data.asSlice(0, bytes).asByteBuffer();
            readFully(channel, target, file);
            return new Array(dtype, shape, data);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, Path file) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new InvalidInputException(file + " is truncated");
            }
        }
    }

    private static DType dtype(String header, Path file) {
        Matcher m = DESCR.matcher(header);
        if (!m.find()) {
            throw new InvalidInputException(file + ": .npy header has no 'descr'");
        }
        for (DType t : DType.values()) {
            if (t.descr.equals(m.group(1)) || (t == DType.UINT8 && m.group(1).equals("<u1"))) {
                return t;
            }
        }
        throw new InvalidInputException(file + " holds " + m.group(1) + " values; expected float32 ('<f4') or"
                + " uint8 ('|u1')");
    }

    private static long[] shape(String header, Path file) {
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new InvalidInputException(file + ": .npy header has no 'shape'");
        }
        return Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong).toArray();
    }

    /**
     * Writes a float32 array of {@code shape} from {@code data} to {@code file} atomically (see
     * {@link NpyFloat32Writer}).
     */
    public static void writeFloat32(Path file, long[] shape, MemorySegment data) {
        long elements = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        try (NpyFloat32Writer writer = new NpyFloat32Writer(file, shape)) {
            writer.append(data.asSlice(0, elements * Float.BYTES));
            writer.commit();
        }
    }

    /** The header of a C-order float32 array, padded so the data starts on a 64-byte boundary (format 1.0). */
    static byte[] float32Header(long[] shape) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        if (shape.length > 1) {
            dims.setLength(dims.length() - 2);
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length());
        out.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return out.array();
    }
}

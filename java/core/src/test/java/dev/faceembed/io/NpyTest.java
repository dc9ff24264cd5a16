package dev.faceembed.io;

import dev.faceembed.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NpyTest {
    @TempDir
    Path dir;

    /** A .npy file as NumPy writes it: magic, version, header length, dict padded with spaces and a newline. */
    private Path npy(String name, int major, String dict, byte[] data) throws IOException {
        String header = dict + " ".repeat(20) + "\n";
        ByteBuffer b = ByteBuffer.allocate(12 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        return Files.write(dir.resolve(name), java.util.Arrays.copyOf(b.array(), b.position()));
    }

    @Test
    void float32RoundTrip() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment data = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1.5f, -2f, 3.25f, 0f, 7f, -0.5f);
            Path file = dir.resolve("e.npy");
            Npy.writeFloat32(file, new long[]{2, 3}, data);
            Npy.Array read = Npy.read(file, arena);
            assertEquals(Npy.DType.FLOAT32, read.dtype());
            assertArrayEquals(new long[]{2, 3}, read.shape());
            assertArrayEquals(data.toArray(ValueLayout.JAVA_FLOAT),
                    read.data().asSlice(0, 24).toArray(ValueLayout.JAVA_FLOAT));
            assertEquals(0, (Files.size(file) - 24) % 64, "data starts on a 64-byte boundary");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void uint8AndVersion2HeadersAreRead() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Path v1 = npy("u8.npy", 1, "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }",
                    new byte[]{1, 2, 3, (byte) 250});
            Npy.Array a = Npy.read(v1, arena);
            assertEquals(Npy.DType.UINT8, a.dtype());
            assertArrayEquals(new byte[]{1, 2, 3, (byte) 250}, a.data().asSlice(0, 4).toArray(ValueLayout.JAVA_BYTE));

            Path v2 = npy("v2.npy", 2, "{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }",
                    new byte[]{9, 8, 7});
            assertArrayEquals(new long[]{3}, Npy.read(v2, arena).shape());
        }
    }

    @Test
    void unusableFilesAreExplained() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Path fortran = npy("f.npy", 1, "{'descr': '|u1', 'fortran_order': True, 'shape': (1,), }", new byte[]{1});
            assertMessage("Fortran order", () -> Npy.read(fortran, arena));
            Path doubles = npy("d.npy", 1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
            assertMessage("holds <f8 values", () -> Npy.read(doubles, arena));
            Path truncated = npy("t.npy", 1, "{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }",
                    new byte[8]);
            assertMessage("truncated", () -> Npy.read(truncated, arena));
            Path notNpy = Files.writeString(dir.resolve("x.npy"), "hello world, not numpy");
            assertMessage("not a NumPy .npy file", () -> Npy.read(notNpy, arena));
        }
    }

    /** Headers a hostile or damaged file can carry: each is refused by name, before any data is allocated. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
            "negative dimension ; {'descr': '|u1', 'fortran_order': False, 'shape': (-1, 4), }"
                    + " ; field 'shape': dimensions must be non-negative integers, got '-1, 4), }'",
            "overflowing shape ; {'descr': '|u1', 'fortran_order': False, 'shape': (9223372036854775807, 2), }"
                    + " ; has more elements than a file can hold",
            "dimension too large ; {'descr': '|u1', 'fortran_order': False, 'shape': (99999999999999999999,), }"
                    + " ; is too large",
            "python 2 long ; {'descr': '|u1', 'fortran_order': False, 'shape': (2L,), }"
                    + " ; '2L' is not an integer",
            "duplicate key ; {'descr': '|u1', 'fortran_order': False, 'shape': (1,), 'shape': (9,), }"
                    + " ; duplicate key 'shape'",
            "unknown key ; {'descr': '|u1', 'fortran_order': False, 'shape': (1,), 'extra': 1, }"
                    + " ; unknown key 'extra'",
            "missing key ; {'descr': '|u1', 'shape': (1,), } ; missing key 'fortran_order'",
            "not a dict ; ['descr', '|u1'] ; the header must be a Python dict",
            "trailing text ; {'descr': '|u1', 'fortran_order': False, 'shape': (1,), } x ; text after the header dict",
            "bad order ; {'descr': '|u1', 'fortran_order': 0, 'shape': (1,), } ; must be True or False",
    })
    void malformedHeadersNameTheField(String name, String dict, String fragment) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            Path file = npy(name.replace(' ', '_') + ".npy", 1, dict, new byte[4]);
            assertMessage(fragment, () -> Npy.read(file, arena));
        }
    }

    @Test
    void aHeaderLengthBeyondTheFileOrNumpysLimitIsRefusedBeforeAllocating() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            ByteBuffer b = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN);
            b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(0xFFFF_FFFF).put((byte) '{')
                    .put((byte) '}');
            Path huge = Files.write(dir.resolve("huge.npy"), b.array());
            assertMessage("header length 4294967295 is larger than numpy's limit of 10000", () -> Npy.read(huge, arena));
            b.clear();
            b.put(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0}).putInt(5000).put((byte) '{').put((byte) '}');
            Path beyond = Files.write(dir.resolve("beyond.npy"), b.array());
            assertMessage("beyond the end of the 14-byte file", () -> Npy.read(beyond, arena));
        }
    }

    /** Fewer rows than announced (inputs skipped on the way): the header is rewritten, the data still aligned. */
    @Test
    void fewerRowsThanAnnouncedGiveAConsistentFile() throws IOException {
        Path file = dir.resolve("some.npy");
        try (Arena arena = Arena.ofConfined(); NpyFloat32Writer writer = new NpyFloat32Writer(file, 1000, 2)) {
            writer.append(arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f, 2f, 3f, 4f));
            writer.commit();
        }
        try (Arena arena = Arena.ofConfined()) {
            Npy.Array read = Npy.read(file, arena);
            assertArrayEquals(new long[]{2, 2}, read.shape());
            assertArrayEquals(new float[]{1, 2, 3, 4}, read.data().asSlice(0, 16).toArray(ValueLayout.JAVA_FLOAT));
            assertEquals(0, (Files.size(file) - 16) % 64, "data starts on a 64-byte boundary");
        }
    }

    @Test
    void anUncommittedWriteLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path file = Files.writeString(dir.resolve("old.npy"), "previous result");
        try (Arena arena = Arena.ofConfined();
             NpyFloat32Writer writer = new NpyFloat32Writer(file, 2, 2)) {
            writer.append(arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1f));
            assertThrows(IllegalStateException.class, writer::commit, "half a row");
        }
        assertEquals("previous result", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertFalse(files.anyMatch(p -> p.toString().endsWith(".tmp")));
        }
    }

    private static void assertMessage(String fragment, org.junit.jupiter.api.function.Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}

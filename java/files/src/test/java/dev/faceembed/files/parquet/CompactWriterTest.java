package dev.faceembed.files.parquet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Byte sequences worked out by hand from the Thrift compact protocol specification. */
class CompactWriterTest {
    private final Bytes out = new Bytes();
    private final CompactWriter thrift = new CompactWriter(out);

    @Test
    void shortFieldHeadersCarryTheIdDeltaAndTheType() {
        thrift.structBegin().i32(1, 1).string(2, "ab").i64(3, -1).structEnd();
        assertBytes(
                0x15, 0x02,             // field 1 (delta 1), i32 (5); zigzag(1) = 2
                0x18, 0x02, 'a', 'b',   // field 2, binary (8); length 2
                0x16, 0x01,             // field 3, i64 (6); zigzag(-1) = 1
                0x00);                  // stop
    }

    @Test
    void aDeltaOver15TakesTheLongFormWithAZigzagId() {
        thrift.structBegin().i32(1, 0).i64(20, 150).structEnd();
        assertBytes(
                0x15, 0x00,
                0x06, 0x28,             // i64 type alone, then zigzag(20) = 40 as the id
                0xAC, 0x02,             // zigzag(150) = 300 = 0b10_0101100: 0xAC (low 7 bits, more), 0x02
                0x00);
    }

    @Test
    void negativeAndLargeIntegersAreZigzagVarints() {
        thrift.structBegin().i32(1, -64).i32(2, Integer.MIN_VALUE).i64(3, Long.MAX_VALUE).i16(4, (short) -2)
                .structEnd();
        assertBytes(
                0x15, 0x7F,                         // zigzag(-64) = 127
                0x15, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, // zigzag(MIN) = 2^32 - 1
                0x16, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, // zigzag(MAX) = 2^64 - 2
                0x14, 0x03,                         // field 4, i16 (4); zigzag(-2) = 3
                0x00);
    }

    @Test
    void nestedStructsCountFieldIdsAfreshAndRestoreTheOuterCount() {
        thrift.structBegin().i32(1, 7).struct(3).i32(1, 1).emptyStruct(2).structEnd().i32(4, 2).structEnd();
        assertBytes(
                0x15, 0x0E,             // field 1 = 7
                0x2C,                   // field 3 (delta 2), struct (12)
                0x15, 0x02,             //   field 1 = 1: the ids restart at 0 inside
                0x1C, 0x00,             //   field 2 (delta 1), an empty struct
                0x00,                   //   stop
                0x15, 0x04,             // field 4: delta 1 from the outer field 3
                0x00);
    }

    @Test
    void listsHaveTheSizeInTheHeaderUnder15AndAVarintFrom15() {
        thrift.structBegin().list(1, CompactWriter.BINARY, 2).stringElement("x").stringElement("");
        thrift.list(2, CompactWriter.I32, 15);
        for (int i = 0; i < 15; i++) {
            thrift.i32Element(i - 1);
        }
        thrift.list(3, CompactWriter.STRUCT, 1).structBegin().i32(1, 3).structEnd().structEnd();
        assertBytes(
                0x19, 0x28, 0x01, 'x', 0x00,      // field 1, list (9); 2 binaries; "x", ""
                0x19, 0xF5, 0x0F,                 // field 2, list; long form for i32 (5), size 15
                0x01, 0x00, 0x02, 0x04, 0x06, 0x08, 0x0A, 0x0C, 0x0E, 0x10, 0x12, 0x14, 0x16, 0x18, 0x1A,
                0x19, 0x1C, 0x15, 0x06, 0x00,     // field 3, list of 1 struct {1: 3}
                0x00);
    }

    @Test
    void endingMoreStructsThanBegunIsAnError() {
        thrift.structBegin().structEnd();
        assertThrows(IllegalStateException.class, thrift::structEnd);
    }

    private void assertBytes(int... expected) {
        byte[] bytes = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            bytes[i] = (byte) expected[i];
        }
        assertArrayEquals(bytes, out.toByteArray());
    }
}

package dev.faceembed.files.parquet;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Byte sequences worked out by hand from the RLE/bit-packing hybrid of Parquet's Encodings.md. */
class LevelEncoderTest {
    @Test
    void bitWidthsOfMaximumLevels() {
        assertEquals(0, LevelEncoder.bitWidth(0));
        assertEquals(1, LevelEncoder.bitWidth(1));
        assertEquals(2, LevelEncoder.bitWidth(2));
        assertEquals(2, LevelEncoder.bitWidth(3));
        assertEquals(3, LevelEncoder.bitWidth(4));
    }

    @Test
    void aLongRunIsOneRleRun() {
        // Header varint(10 << 1) = 0x14, then the value in one byte.
        assertEncoded(1, new int[]{0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0x14, 0x00);
        // 300 ones: varint(600) = 0xD8 0x04.
        int[] ones = new int[300];
        Arrays.fill(ones, 1);
        assertEncoded(1, ones, 0xD8, 0x04, 0x01);
    }

    @Test
    void shortRunsAreBitPackedFromTheLowestBit() {
        // Header varint(1 group << 1 | 1) = 0x03; values 1,0,1,1,0,0,0,1 at bits 0..7: 0b1000_1101.
        assertEncoded(1, new int[]{1, 0, 1, 1, 0, 0, 0, 1}, 0x03, 0x8D);
    }

    @Test
    void theSpecificationsExampleOfBitWidth3() {
        // Encodings.md: 0..7 with bit width 3 pack to 10001000 11000110 11111010.
        assertEncoded(3, new int[]{0, 1, 2, 3, 4, 5, 6, 7}, 0x03, 0x88, 0xC6, 0xFA);
    }

    @Test
    void theLastGroupIsPaddedWithZeros() {
        assertEncoded(1, new int[]{1, 0, 1}, 0x03, 0x05);
        // 9 values are 2 groups: header varint(2 << 1 | 1) = 0x05.
        assertEncoded(2, new int[]{3, 2, 1, 0, 3, 2, 1, 0, 1}, 0x05, 0x1B, 0x1B, 0x01, 0x00);
    }

    @Test
    void literalsBeforeARunBorrowFromItToFillTheirGroup() {
        // 1,0,1 then ten 1s: one group 1,0,1,1,1,1,1,1 (0b1111_1101), then an RLE run of the 5 ones left.
        assertEncoded(1, new int[]{1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 0x03, 0xFD, 0x0A, 0x01);
        // Seven literals borrow one 0 from the run of nine zeros after them (0b0101_0101); 8 zeros stay RLE.
        assertEncoded(1, new int[]{1, 0, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0x03, 0x55, 0x10, 0x00);
    }

    @Test
    void aListColumnsLevels() {
        // Repetition levels of lists of 1, 0 and 12 elements: the 3 zeros are too short a run, so the run of
        // eleven 1s lends them 5 to make a group (0,0,0,1,1,1,1,1 = 0b1111_1000); an RLE run of the 6 ones left.
        int[] levels = {0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        assertEncoded(1, levels, 0x03, 0xF8, 0x0C, 0x01);
    }

    @Test
    void nothingForNoLevels() {
        assertEncoded(1, new int[0]);
    }

    @Test
    void bitWidthsOutsideOneToEightAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LevelEncoder.encode(new byte[1], 1, 0, new Bytes()));
        assertThrows(IllegalArgumentException.class, () -> LevelEncoder.encode(new byte[1], 1, 9, new Bytes()));
    }

    private static void assertEncoded(int bitWidth, int[] levels, int... expected) {
        byte[] input = new byte[levels.length];
        for (int i = 0; i < levels.length; i++) {
            input[i] = (byte) levels[i];
        }
        Bytes out = new Bytes();
        LevelEncoder.encode(input, input.length, bitWidth, out);
        byte[] bytes = new byte[expected.length];
        for (int i = 0; i < expected.length; i++) {
            bytes[i] = (byte) expected[i];
        }
        assertArrayEquals(bytes, out.toByteArray());
    }
}

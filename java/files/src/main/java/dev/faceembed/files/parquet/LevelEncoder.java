package dev.faceembed.files.parquet;

/**
 * Parquet's RLE/bit-packing hybrid encoding of repetition and definition levels. The output is a sequence of runs:
 * an RLE run is the varint {@code count << 1} and the repeated value in {@code ceil(bitWidth / 8)} bytes; a
 * bit-packed run is the varint {@code groups << 1 | 1} and {@code groups} groups of 8 values, each group
 * {@code bitWidth} bytes with the values packed from the least significant bit of the first byte on.
 *
 * <p>Runs of at least 8 equal values become RLE runs, anything else is bit-packed. A bit-packed run must hold a
 * multiple of 8 values, so the literals before an RLE run are completed to whole groups with the run's first values,
 * and the last group of the data is padded with zeros: readers stop at the page's value count.
 */
final class LevelEncoder {
    private static final int GROUP = 8;

    private LevelEncoder() {
    }

    /** The bits a level needs: 0 for a column whose maximum level is 0 (its levels are not written at all). */
    static int bitWidth(int maxLevel) {
        return 32 - Integer.numberOfLeadingZeros(maxLevel);
    }

    /**
     * Appends the hybrid encoding of {@code levels[0, count)} to {@code out}, without the length prefix.
     *
     * @param bitWidth 1 to 8; every level must fit in it
     */
    static void encode(byte[] levels, int count, int bitWidth, Bytes out) {
        if (bitWidth < 1 || bitWidth > 8) {
            throw new IllegalArgumentException("level bit width " + bitWidth + " is not 1 to 8");
        }
        int literalStart = 0;
        int position = 0;
        while (position < count) {
            int run = runLength(levels, position, count);
            if (run < GROUP) {
                position += run;
                continue;
            }
            int literals = position - literalStart;
            if (literals > 0) {
                int borrowed = (GROUP - literals % GROUP) % GROUP;
                bitPacked(levels, literalStart, literals + borrowed, count, bitWidth, out);
                position += borrowed;
                run -= borrowed;
            }
            // A run of 8 or more lends at most 7 values, so at least one is left for the RLE run.
            out.writeUnsignedVarint((long) run << 1);
            out.write(levels[position]);
            position += run;
            literalStart = position;
        }
        if (literalStart < count) {
            bitPacked(levels, literalStart, count - literalStart, count, bitWidth, out);
        }
    }

    private static int runLength(byte[] levels, int start, int count) {
        int end = start + 1;
        while (end < count && levels[end] == levels[start]) {
            end++;
        }
        return end - start;
    }

    /** {@code length} values from {@code start} as one bit-packed run; values at or past {@code count} are 0. */
    private static void bitPacked(byte[] levels, int start, int length, int count, int bitWidth, Bytes out) {
        int groups = (length + GROUP - 1) / GROUP;
        out.writeUnsignedVarint((long) groups << 1 | 1);
        int mask = (1 << bitWidth) - 1;
        for (int group = 0; group < groups; group++) {
            long bits = 0;
            for (int i = 0; i < GROUP; i++) {
                int index = start + group * GROUP + i;
                long value = index < count ? levels[index] & mask : 0;
                bits |= value << (i * bitWidth);
            }
            for (int b = 0; b < bitWidth; b++) {
                out.write((int) (bits >>> (8 * b)));
            }
        }
    }
}

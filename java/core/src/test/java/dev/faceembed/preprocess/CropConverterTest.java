package dev.faceembed.preprocess;

import dev.faceembed.CropSize;
import dev.faceembed.model.ChannelOrder;
import dev.faceembed.model.Preprocessing;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

class CropConverterTest {
    private static final CropSize TWO_BY_ONE = new CropSize(1, 2);

    /** Two pixels, (R,G,B) = (0, 128, 255) and (10, 20, 30), converted into three planes of two values. */
    private static float[] convert(Preprocessing pre) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment src = arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 0, (byte) 128, (byte) 255,
                    (byte) 10, (byte) 20, (byte) 30);
            MemorySegment dst = arena.allocate(6 * 4);
            new CropConverter(pre, TWO_BY_ONE).convert(src, 0, 1, dst);
            return dst.toArray(ValueLayout.JAVA_FLOAT);
        }
    }

    @Test
    void rgbWithOneMeanAndStd() {
        Preprocessing pre = new Preprocessing(TWO_BY_ONE, ChannelOrder.RGB, List.of(127.5, 127.5, 127.5),
                List.of(127.5, 127.5, 127.5));
        float[] expected = {
                (0 - 127.5f) / 127.5f, (10 - 127.5f) / 127.5f,
                (128 - 127.5f) / 127.5f, (20 - 127.5f) / 127.5f,
                (255 - 127.5f) / 127.5f, (30 - 127.5f) / 127.5f};
        assertArrayEquals(expected, convert(pre));
    }

    @Test
    void bgrPlanesWithPerPlaneMeanAndStd() {
        Preprocessing pre = new Preprocessing(TWO_BY_ONE, ChannelOrder.BGR, List.of(1.0, 2.0, 3.0),
                List.of(2.0, 4.0, 8.0));
        float[] expected = {
                (255 - 1f) / 2f, (30 - 1f) / 2f,
                (128 - 2f) / 4f, (20 - 2f) / 4f,
                (0 - 3f) / 8f, (10 - 3f) / 8f};
        assertArrayEquals(expected, convert(pre));
    }
}

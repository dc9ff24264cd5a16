package dev.faceembed.detect;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResamplerTest {
    /** A {@code w x h} BGR image whose B value is x + 10 y, G 0 and R 255. */
    private static BgrImage ramp(int w, int h) {
        byte[] data = new byte[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                data[3 * (y * w + x)] = (byte) (x + 10 * y);
                data[3 * (y * w + x) + 2] = (byte) 255;
            }
        }
        return new BgrImage(data, w, h);
    }

    @Test
    void shrinkingAveragesEachFootprintAndOutsideIsFill() {
        Resampler resampler = new Resampler();
        float[] out = resampler.sample(ramp(4, 4), 0, 0, 4, 4, 2, 2, 0);
        // The top-left 2x2 block: B values 0, 1, 10, 11.
        assertEquals(5.5f, out[0], 1e-5);
        assertEquals(255f, out[2], 1e-5);
        assertEquals(7.5f, out[3], 1e-5);
        // Half of the region lies right of the photo: those pixels are fill, the straddling one half and half.
        out = resampler.sample(ramp(4, 4), 2, 0, 4, 4, 2, 2, 100);
        assertEquals((2 + 3 + 12 + 13) / 4f, out[0], 1e-5);
        assertEquals(100f, out[3], 1e-5);
    }

    @Test
    void enlargingIsBilinearWithTheEdgeRepeated() {
        float[] out = new Resampler().sample(ramp(2, 1), 0, 0, 2, 1, 4, 1, 0);
        // Output pixel centres map to source x -0.25, 0.25, 0.75, 1.25 (clamped to 0 .. 1).
        assertEquals(0f, out[0], 1e-5);
        assertEquals(0.25f, out[3], 1e-5);
        assertEquals(0.75f, out[6], 1e-5);
        assertEquals(1f, out[9], 1e-5);
    }
}

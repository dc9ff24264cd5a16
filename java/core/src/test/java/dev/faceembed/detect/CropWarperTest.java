package dev.faceembed.detect;

import dev.faceembed.CropSize;
import dev.faceembed.preprocess.FaceAligner;
import dev.faceembed.preprocess.SimilarityTransform;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CropWarperTest {
    private static final CropSize CROP = new CropSize(112, 112);

    private static BufferedImage noise(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Random random = new Random(7);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static int[] warp(BufferedImage image, float[] landmarks) {
        SimilarityTransform toCrop = new FaceAligner(CROP).estimate(landmarks);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment crop = arena.allocate(3L * 112 * 112);
            CropWarper.warp(BgrImage.of(image), toCrop, CROP, crop);
            int[] rgb = new int[112 * 112];
            for (int i = 0; i < rgb.length; i++) {
                rgb[i] = (crop.get(ValueLayout.JAVA_BYTE, 3L * i) & 0xFF) << 16
                        | (crop.get(ValueLayout.JAVA_BYTE, 3L * i + 1) & 0xFF) << 8
                        | (crop.get(ValueLayout.JAVA_BYTE, 3L * i + 2) & 0xFF);
            }
            return rgb;
        }
    }

    @Test
    void aFaceAboutTheCropsSizeIsWarpedExactlyAsFaceAlignerDoes() {
        BufferedImage image = noise(200, 160);
        // A tilted face about 1.2 times the crop's size, partly outside the photo (black there).
        float[] landmarks = {-2, 60, 41, 52, 22, 80, 4, 108, 38, 102};
        int[] ours = warp(image, landmarks);
        BufferedImage theirs = new FaceAligner(CROP).align(image, landmarks);
        int worst = 0;
        for (int i = 0; i < ours.length; i++) {
            int a = ours[i];
            int b = theirs.getRGB(i % 112, i / 112);
            for (int shift = 0; shift <= 16; shift += 8) {
                worst = Math.max(worst, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
            }
        }
        assertTrue(worst <= 1, "largest difference " + worst);
    }

    @Test
    void aLargeFaceIsAveragedNotAliased() {
        // Stripes one pixel wide: any point sample is black or white; an average over 3 pixels is grey.
        BufferedImage stripes = new BufferedImage(600, 600, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 600; x += 2) {
                stripes.setRGB(x, y, 0xFFFFFF);
            }
        }
        float s = 3.3f;
        float[] landmarks = new float[10];
        for (int i = 0; i < 5; i++) {
            landmarks[2 * i] = (float) FaceAligner.ARCFACE_112[i][0] * s + 50;
            landmarks[2 * i + 1] = (float) FaceAligner.ARCFACE_112[i][1] * s + 50;
        }
        int[] crop = warp(stripes, landmarks);
        double mean = 0;
        int extreme = 0;
        for (int p : crop) {
            int g = p & 0xFF;
            mean += g;
            if (g < 40 || g > 215) {
                extreme++;
            }
        }
        assertEquals(127.5, mean / crop.length, 10);
        assertTrue(extreme < crop.length / 20, extreme + " pixels near black or white");
    }
}

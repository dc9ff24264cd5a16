package dev.faceembed.preprocess;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FaceAlignerTest {
    private static final CropSize CROP = new CropSize(112, 112);

    private static float[] landmarks(double scale, double dx, double dy) {
        float[] l = new float[10];
        for (int i = 0; i < 5; i++) {
            l[2 * i] = (float) (FaceAligner.ARCFACE_112[i][0] * scale + dx);
            l[2 * i + 1] = (float) (FaceAligner.ARCFACE_112[i][1] * scale + dy);
        }
        return l;
    }

    /** Pixel (x, y) has colour (x, y, x + y), so any misplacement shows. */
    private static BufferedImage gradient(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, ((x & 0xFF) << 16) | ((y & 0xFF) << 8) | ((x + y) & 0xFF));
            }
        }
        return image;
    }

    @Test
    void aFaceAlreadyOnTheTemplateIsCopiedUnchanged() {
        BufferedImage image = gradient(112, 112);
        BufferedImage aligned = new FaceAligner(CROP).align(image, landmarks(1, 0, 0));
        for (int y = 0; y < 112; y += 7) {
            for (int x = 0; x < 112; x += 7) {
                assertEquals(image.getRGB(x, y), aligned.getRGB(x, y), "pixel " + x + "," + y);
            }
        }
    }

    /**
     * A face twice the template size, shifted by (30, 10): crop pixel (x, y) samples image pixel (2x + 30, 2y + 10),
     * whose colour is (2x + 30, 2y + 10, 2x + 2y + 40).
     */
    @Test
    void aLargerShiftedFaceIsScaledDownAndMoved() {
        BufferedImage image = gradient(260, 240);
        FaceAligner aligner = new FaceAligner(CROP);
        SimilarityTransform t = aligner.estimate(landmarks(2, 30, 10));
        assertEquals(0.5, t.scale(), 1e-6);
        assertEquals(0, t.rotation(), 1e-6);
        BufferedImage aligned = aligner.align(image, landmarks(2, 30, 10));
        for (int y = 0; y < 112; y += 11) {
            for (int x = 0; x < 112; x += 11) {
                int expected = image.getRGB(2 * x + 30, 2 * y + 10) & 0xFFFFFF;
                assertEquals(expected, aligned.getRGB(x, y) & 0xFFFFFF, "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void outsideTheImageIsBlack() {
        BufferedImage image = gradient(112, 112);
        BufferedImage aligned = new FaceAligner(CROP).align(image, landmarks(1, -60, 0));
        assertEquals(0, aligned.getRGB(10, 50) & 0xFFFFFF, "maps to x = -50, outside the image");
        assertEquals(image.getRGB(40, 50), aligned.getRGB(100, 50), "maps to x = 40, inside");
    }

    @Test
    void alignIntoWritesRgbBytes() {
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, CROP, 2);
            new FaceAligner(CROP).alignInto(gradient(112, 112), landmarks(1, 0, 0), batch, 1);
            long pixel = batch.cropBytes() + 3L * (20 * 112 + 30);
            assertEquals(30, batch.segment().get(ValueLayout.JAVA_BYTE, pixel));
            assertEquals(20, batch.segment().get(ValueLayout.JAVA_BYTE, pixel + 1));
            assertEquals(50, batch.segment().get(ValueLayout.JAVA_BYTE, pixel + 2));
        }
    }

    @Test
    void badLandmarksAreRejected() {
        FaceAligner aligner = new FaceAligner(CROP);
        assertThrows(InvalidInputException.class, () -> aligner.estimate(new float[8]));
        float[] nan = landmarks(1, 0, 0);
        nan[3] = Float.NaN;
        assertThrows(InvalidInputException.class, () -> aligner.estimate(nan));
        assertThrows(InvalidInputException.class, () -> aligner.estimate(new float[10]));
    }
}

package dev.faceembed.spark;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.preprocess.SyntheticCrops;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/** Reproducible crops for the tests: raw uint8 RGB bytes, and the same pixels as PNG. */
final class TestCrops {
    static final CropSize SIZE = new CropSize(112, 112);
    static final int RAW_BYTES = 112 * 112 * 3;

    private TestCrops() {
    }

    /** {@code count} raw 112x112x3 RGB crops from {@link SyntheticCrops} with {@code seed}. */
    static List<byte[]> raw(int count, long seed) {
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, SIZE, count);
            SyntheticCrops.fill(batch, seed);
            List<byte[]> crops = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                crops.add(batch.crop(i).toArray(ValueLayout.JAVA_BYTE));
            }
            return crops;
        }
    }

    /** The raw crop as a PNG (lossless: it decodes to the same pixels). */
    static byte[] png(byte[] raw) {
        BufferedImage image = new BufferedImage(SIZE.width(), SIZE.height(), BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < SIZE.width() * SIZE.height(); i++) {
            int rgb = (raw[3 * i] & 0xff) << 16 | (raw[3 * i + 1] & 0xff) << 8 | raw[3 * i + 2] & 0xff;
            image.setRGB(i % SIZE.width(), i / SIZE.width(), rgb);
        }
        return encode(image, "png");
    }

    /** A {@code width x height} image with a gradient, so resizing it is not trivial. */
    static byte[] gradient(int width, int height, String format) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | ((x + y) * 7 & 0xff));
            }
        }
        return encode(image, format);
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, bytes)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

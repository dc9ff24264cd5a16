package dev.faceembed.preprocess;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ImageCropsTest {
    @TempDir
    Path dir;

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    @Test
    void pixelsLandAsInterleavedRgb() {
        BufferedImage image = solid(4, 4, 0x102030);
        image.setRGB(1, 2, 0xA0B0C0);
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, new CropSize(4, 4), 1);
            ImageCrops.put(batch, 0, image);
            byte[] bytes = batch.segment().toArray(ValueLayout.JAVA_BYTE);
            assertArrayEquals(new byte[]{0x10, 0x20, 0x30}, java.util.Arrays.copyOfRange(bytes, 0, 3));
            int o = 3 * (2 * 4 + 1);
            assertArrayEquals(new byte[]{(byte) 0xA0, (byte) 0xB0, (byte) 0xC0},
                    java.util.Arrays.copyOfRange(bytes, o, o + 3));
        }
    }

    @Test
    void cropsOfAnotherSizeAreResized() {
        BufferedImage resized = ImageCrops.resize(solid(200, 150, 0x336699), new CropSize(112, 112));
        assertEquals(112, resized.getWidth());
        assertEquals(112, resized.getHeight());
        assertEquals(0x336699, resized.getRGB(56, 56) & 0xFFFFFF);
    }

    @Test
    void undecodableInputIsAnInputError() throws IOException {
        ImageDecoder decoder = ImageDecoder.standard();
        CropSize crop = new CropSize(112, 112);
        assertThrows(InvalidInputException.class, () -> decoder.decode("not an image".getBytes(), "bytes", crop));
        Path text = Files.writeString(dir.resolve("x.png"), "not an image");
        assertThrows(InvalidInputException.class, () -> decoder.read(text, crop));
        assertThrows(InvalidInputException.class, () -> decoder.read(dir.resolve("missing.png"), crop));
    }

    @Test
    void convenienceEntryPointsAgreeWithTheBatchPath() throws IOException {
        BufferedImage a = solid(112, 112, 0x405060);
        BufferedImage b = solid(112, 112, 0x807060);
        b.setRGB(10, 10, 0xFFFFFF);
        Path fileA = Files.write(dir.resolve("a.png"), png(a));
        Path fileB = Files.write(dir.resolve("b.png"), png(b));
        try (EmbeddingBackend backend = EmbeddingBackends.create(); Arena arena = Arena.ofConfined()) {
            FaceBatch batch = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 2);
            ImageCrops.fill(batch, List.of(a, b));
            float[][] expected = backend.encode(batch).toArray();

            for (Embeddings e : List.of(ImageCrops.encodeImages(backend, List.of(a, b)),
                    ImageCrops.encodeFiles(backend, List.of(fileA, fileB)),
                    ImageCrops.encodeEncoded(backend, List.of(png(a), png(b))))) {
                assertEquals(2, e.count());
                assertArrayEquals(expected[0], e.row(0), 1e-6f);
                assertArrayEquals(expected[1], e.row(1), 1e-6f);
            }
        }
    }
}

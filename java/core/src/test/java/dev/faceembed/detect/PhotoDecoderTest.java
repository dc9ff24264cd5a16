package dev.faceembed.detect;

import dev.faceembed.InvalidInputException;
import org.junit.jupiter.api.Test;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;

import static dev.faceembed.testing.HostileImages.encode;
import static dev.faceembed.testing.HostileImages.withOrientation;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhotoDecoderTest {
    private final PhotoDecoder decoder = new PhotoDecoder();

    /** A 40x20 grey photo with a red 8x8 block in its top left corner. */
    private static BufferedImage marked() {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 40; x++) {
                image.setRGB(x, y, x < 8 && y < 8 ? 0xFF0000 : 0x808080);
            }
        }
        return image;
    }

    private static boolean red(BufferedImage image, int x, int y) {
        int p = image.getRGB(x, y);
        return ((p >> 16) & 0xFF) > 200 && ((p >> 8) & 0xFF) < 60;
    }

    @Test
    void exifOrientationTurnsAJpegUpright() {
        byte[] jpeg = encode(marked(), "jpg");
        BufferedImage plain = decoder.decode(jpeg);
        assertEquals(BufferedImage.TYPE_3BYTE_BGR, plain.getType());
        assertTrue(red(plain, 3, 3));
        // {orientation, x, y} where the red corner block lands.
        int[][] cases = {{1, 3, 3}, {2, 36, 3}, {3, 36, 16}, {4, 3, 16}, {5, 3, 3}, {6, 16, 3}, {7, 16, 36},
                {8, 3, 36}};
        for (int[] c : cases) {
            BufferedImage upright = decoder.decode(withOrientation(jpeg, c[0]));
            boolean turned = c[0] >= 5;
            assertEquals(turned ? 20 : 40, upright.getWidth(), "orientation " + c[0]);
            assertEquals(turned ? 40 : 20, upright.getHeight(), "orientation " + c[0]);
            assertTrue(red(upright, c[1], c[2]), "orientation " + c[0] + ": red corner at " + c[1] + "," + c[2]);
        }
    }

    @Test
    void greyAndTransparentPhotosBecomeBgrWithoutChangingTheirValues() {
        BufferedImage grey = new BufferedImage(4, 4, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(1, 1, 0, 100);
        BufferedImage decoded = decoder.decode(encode(grey, "png"));
        assertArrayEquals(new int[]{100, 100, 100}, decoded.getRaster().getPixel(1, 1, (int[]) null),
                "grey 100 stays 100 (Java2D's linear grey space would brighten it)");

        BufferedImage rgba = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, 0x00123456);
        rgba.setRGB(1, 0, 0xFF102030);
        BufferedImage flat = decoder.decode(encode(rgba, "png"));
        assertEquals(0xFFFFFF, flat.getRGB(0, 0) & 0xFFFFFF, "transparent over white");
        assertEquals(0x102030, flat.getRGB(1, 0) & 0xFFFFFF);
    }

    @Test
    void cmykJpegsAreRefusedWithTheFix() throws IOException {
        WritableRaster cmyk = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(cmyk, null, null), null);
        } finally {
            writer.dispose();
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> decoder.decode(out.toByteArray()));
        assertTrue(e.getMessage().contains("CMYK") && e.getMessage().contains("sRGB"), e.getMessage());
    }

    @Test
    void oversizedTruncatedAndUnknownInputsAreRefusedBeforeOrWhileDecoding() {
        byte[] jpeg = encode(marked(), "jpg");
        InvalidInputException large = assertThrows(InvalidInputException.class,
                () -> new PhotoDecoder(799).decode(jpeg));
        assertTrue(large.getMessage().contains("40x20 (800 pixels), above input.max_image_pixels (799 pixels)"),
                large.getMessage());
        InvalidInputException truncated = assertThrows(InvalidInputException.class,
                () -> decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2)));
        assertTrue(truncated.getMessage().contains("damaged"), truncated.getMessage());
        InvalidInputException text = assertThrows(InvalidInputException.class,
                () -> decoder.decode("hello".getBytes()));
        assertTrue(text.getMessage().contains("not an image faceembed can decode"), text.getMessage());
    }
}

package dev.faceembed.preprocess;

import dev.faceembed.CropSize;
import dev.faceembed.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.faceembed.testing.HostileImages.asymmetric;
import static dev.faceembed.testing.HostileImages.cmykJpeg;
import static dev.faceembed.testing.HostileImages.encode;
import static dev.faceembed.testing.HostileImages.pngBomb;
import static dev.faceembed.testing.HostileImages.truncatedJpeg;
import static dev.faceembed.testing.HostileImages.withOrientation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Images nobody vouches for: bombs, damaged files, CMYK, rotated photos, odd pixel layouts, odd names. */
class ImageDecoderTest {
    private static final CropSize CROP = new CropSize(112, 112);

    @TempDir
    Path dir;

    private final ImageDecoder decoder = ImageDecoder.standard();

    @Test
    void aTinyFileDeclaringAGiganticImageIsRefusedBeforeDecoding() throws IOException {
        byte[] bomb = pngBomb(40_000, 40_000);
        assertTrue(bomb.length < 100, "the bomb is " + bomb.length + " bytes");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> decoder.decode(bomb, "bomb.png", CROP));
        assertTrue(e.getMessage().contains("is 40000x40000 (1600.0 megapixels), above input.max_image_pixels (50.0"
                + " megapixels)"), e.getMessage());
        InvalidInputException custom = assertThrows(InvalidInputException.class,
                () -> new ImageDecoder(10_000).decode(encode(asymmetric(200, 100), "png"), "small.png", CROP));
        assertTrue(custom.getMessage().contains("200x100"), custom.getMessage());
    }

    @Test
    void aLargeImageIsSubsampledWhileDecoding() throws IOException {
        BufferedImage decoded = decoder.decode(encode(asymmetric(2000, 1000), "png"), "big.png", CROP);
        assertEquals(500, decoded.getWidth(), "4x subsampled: never below twice the crop");
        assertEquals(250, decoded.getHeight());
        assertEquals(0xff0000, decoded.getRGB(10, 100) & 0xffffff);
    }

    @Test
    void aTruncatedJpegIsAnErrorNotAGreyHalf() throws IOException {
        byte[] truncated = truncatedJpeg(asymmetric(400, 400));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> decoder.decode(truncated, "cut.jpg", CROP));
        assertTrue(e.getMessage().contains("cut.jpg"), e.getMessage());
    }

    @Test
    void aCmykJpegIsRefusedWithTheFix() throws IOException {
        byte[] jpeg = cmykJpeg(asymmetric(64, 64));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> decoder.decode(jpeg, "cmyk.jpg", CROP));
        assertTrue(e.getMessage().contains("CMYK") && e.getMessage().contains("-colorspace sRGB"), e.getMessage());
    }

    /** A camera's portrait photo is stored sideways with an EXIF orientation; it must come out upright. */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({"1, 40, 20, 0xff0000, 0x0000ff", "3, 40, 20, 0x0000ff, 0xff0000", "6, 20, 40, 0xff0000, 0x0000ff",
            "8, 20, 40, 0x0000ff, 0xff0000", "2, 40, 20, 0x0000ff, 0xff0000"})
    void theExifOrientationIsApplied(int orientation, int width, int height, String first, String last)
            throws IOException {
        byte[] jpeg = withOrientation(encode(asymmetric(40, 20), "jpg"), orientation);
        BufferedImage upright = decoder.decode(jpeg, "photo.jpg", new CropSize(8, 8));
        assertEquals(width, upright.getWidth());
        assertEquals(height, upright.getHeight());
        boolean portrait = orientation >= 5;
        int firstPixel = upright.getRGB(portrait ? width / 2 : 2, portrait ? 2 : height / 2);
        int lastPixel = upright.getRGB(portrait ? width / 2 : width - 3, portrait ? height - 3 : height / 2);
        assertTrue(close(firstPixel, Integer.decode(first)), Integer.toHexString(firstPixel));
        assertTrue(close(lastPixel, Integer.decode(last)), Integer.toHexString(lastPixel));
    }

    @Test
    void greyAndTranslucentImagesBecomeRgb() throws IOException {
        BufferedImage grey = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 3, 0, 200);
        BufferedImage decoded = decoder.decode(encode(grey, "png"), "grey.png", CROP);
        assertTrue(close(decoded.getRGB(3, 3), 0xc8c8c8), Integer.toHexString(decoded.getRGB(3, 3)));
        BufferedImage rgba = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(1, 1, 0x80123456);
        assertEquals(0x123456, decoder.decode(encode(rgba, "png"), "rgba.png", CROP).getRGB(1, 1) & 0xffffff);
    }

    @Test
    void filesAreReadThroughTheirPathWhateverTheirName() throws IOException {
        for (String name : new String[]{"line\nbreak.png", "caf\u00e9.png", "tab\there.png"}) {
            Path file = Files.write(dir.resolve(name), encode(asymmetric(20, 20), "png"));
            assertEquals(20, decoder.read(file, CROP).getWidth(), name);
        }
    }

    private static boolean close(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs((rgb >>> shift & 0xff) - (expected >>> shift & 0xff)) > 40) {
                return false;
            }
        }
        return true;
    }

    /** The JPEG with an APP1 Exif segment (big-endian TIFF, IFD0 with one Orientation entry) after its APP0. */
}

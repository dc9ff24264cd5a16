package dev.faceembed.detect;

import dev.faceembed.InvalidInputException;
import dev.faceembed.preprocess.ImageDecoder;

import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * Decodes photos into upright 3-byte BGR images, the layout the face detector reads without a copy. Decoding is
 * {@link ImageDecoder}'s at full resolution, with its checks: the size in the header against {@link #maxPixels()}
 * before any pixel is decoded, truncated or corrupt files and CMYK/YCCK JPEGs refused with the fix, EXIF orientation
 * applied; grey, palette, 16-bit and translucent images are then converted (transparency over white). Thread-safe.
 */
public final class PhotoDecoder {
    /** The default limit, {@link ImageDecoder#DEFAULT_MAX_PIXELS}: 50 megapixels (150 MB decoded). */
    public static final long DEFAULT_MAX_PIXELS = ImageDecoder.DEFAULT_MAX_PIXELS;

    private final ImageDecoder decoder;
    private final long maxPixels;

    public PhotoDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** A decoder refusing photos of more than {@code maxPixels} pixels. */
    public PhotoDecoder(long maxPixels) {
        this.decoder = new ImageDecoder(maxPixels);
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Reads and decodes a photo file.
     *
     * @throws InvalidInputException naming the file: missing, unreadable, not a supported image, too large, damaged
     *                               or CMYK
     */
    public BufferedImage read(Path file) {
        return bgr(decoder.readFull(file));
    }

    /**
     * Decodes a photo's bytes.
     *
     * @throws InvalidInputException if the bytes are not a supported image, too large, damaged or CMYK
     */
    public BufferedImage decode(byte[] encoded) {
        return bgr(decoder.decodeFull(encoded, "photo (" + encoded.length + " bytes)"));
    }

    private static BufferedImage bgr(BufferedImage image) {
        return BgrImage.isPlainBgr(image) ? image : BgrImage.toBgr(image);
    }
}

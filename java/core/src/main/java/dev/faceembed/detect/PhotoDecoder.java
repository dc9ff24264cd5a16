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

    /** A decoder with the default limit, {@link #DEFAULT_MAX_PIXELS}. */
    public PhotoDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /**
     * A decoder refusing photos of more than {@code maxPixels} pixels.
     *
     * @param maxPixels width times height of the largest photo decoded, 1 or more
     * @throws IllegalArgumentException if {@code maxPixels} is below 1
     */
    public PhotoDecoder(long maxPixels) {
        this.decoder = new ImageDecoder(maxPixels);
        this.maxPixels = maxPixels;
    }

    /**
     * The largest photo decoded.
     *
     * @return width times height, in pixels
     */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Reads and decodes a photo file.
     *
     * @param file a JPEG, PNG or other image ImageIO decodes
     * @return the photo, upright, as a 3-byte BGR image
     * @throws InvalidInputException naming the file: missing, unreadable, not a supported image, too large, damaged
     *                               or CMYK
     */
    public BufferedImage read(Path file) {
        return bgr(decoder.readFull(file));
    }

    /**
     * Decodes a photo's bytes.
     *
     * @param encoded the bytes of a JPEG, PNG or other image ImageIO decodes
     * @return the photo, upright, as a 3-byte BGR image
     * @throws InvalidInputException if the bytes are not a supported image, too large, damaged or CMYK
     */
    public BufferedImage decode(byte[] encoded) {
        return bgr(decoder.decodeFull(encoded, "photo (" + encoded.length + " bytes)"));
    }

    private static BufferedImage bgr(BufferedImage image) {
        return BgrImage.isPlainBgr(image) ? image : BgrImage.toBgr(image);
    }
}

package dev.faceembed.detect;

import dev.faceembed.InvalidInputException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decodes photos (JPEG, PNG, BMP, GIF) into upright 3-byte BGR images, the layout the face detector reads without a
 * copy: a JPEG's EXIF orientation is applied; grey, grey+alpha, palette, 16-bit and RGBA images are converted
 * (transparency over white); CMYK and YCCK JPEGs are refused with the fix, and so are truncated or corrupt files
 * (ImageIO would decode them with grey where data is missing). The size in the header is checked against
 * {@link #maxPixels()} before any pixel is decoded. Thread-safe.
 */
public final class PhotoDecoder {
    /** The default limit: 50 megapixels (150 MB decoded). */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;

    private final long maxPixels;

    public PhotoDecoder() {
        this(DEFAULT_MAX_PIXELS);
    }

    /** A decoder refusing photos of more than {@code maxPixels} pixels. */
    public PhotoDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Reads and decodes a photo file.
     *
     * @throws InvalidInputException if the file is missing, unreadable, not a supported image, too large, or CMYK
     */
    public BufferedImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read photo " + file + ": " + e.getMessage(), e);
        }
        try {
            return decode(bytes);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Decodes a photo's bytes.
     *
     * @throws InvalidInputException if the bytes are not a supported image, too large, truncated, or CMYK
     */
    public BufferedImage decode(byte[] encoded) {
        int orientation = 1;
        if (JpegHeader.isJpeg(encoded)) {
            JpegHeader header = JpegHeader.read(encoded);
            if (header.components() == 4) {
                throw new InvalidInputException("CMYK (or YCCK) JPEG: faceembed reads RGB and grey photos only;"
                        + " convert it to sRGB first (e.g. ImageMagick: convert in.jpg -colorspace sRGB out.jpg)");
            }
            orientation = header.orientation();
        }
        BufferedImage image = decodePixels(encoded);
        return Orientation.upright(BgrImage.isPlainBgr(image) ? image : BgrImage.toBgr(image), orientation);
    }

    private BufferedImage decodePixels(byte[] encoded) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new InvalidInputException("not a photo in a format faceembed reads (JPEG, PNG, BMP, GIF): "
                        + encoded.length + " bytes");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new InvalidInputException("photo of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " = " + pixels + " pixels is larger than the limit of " + maxPixels + " pixels");
                }
                List<String> warnings = new ArrayList<>();
                reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
                BufferedImage image = reader.read(0);
                if (!warnings.isEmpty()) {
                    throw new InvalidInputException("corrupt or truncated photo (" + encoded.length + " bytes): "
                            + String.join("; ", warnings));
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException("corrupt, truncated or unsupported photo (" + encoded.length + " bytes): "
                    + e.getMessage(), e);
        }
    }
}

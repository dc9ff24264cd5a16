package dev.faceembed.preprocess;

import dev.faceembed.CropSize;
import dev.faceembed.InvalidInputException;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Decodes images that nobody vouches for, with bounded memory and no silent damage:
 * <ul>
 *   <li>the size is read from the header first; above {@code maxPixels} the image is refused, before any pixel is
 *       decoded (a 157-byte PNG can declare 40000x40000);</li>
 *   <li>an image much larger than the crop it becomes is subsampled while it is decoded, so memory follows the crop,
 *       not the file;</li>
 *   <li>a decoder warning (a truncated JPEG decodes with a grey bottom half) is an error;</li>
 *   <li>a CMYK or YCCK JPEG, which Java's decoder turns into wrong colours, is refused with how to convert it;</li>
 *   <li>a JPEG's EXIF orientation is applied.</li>
 * </ul>
 * Files are read through their {@link Path}, so names in any encoding work whatever the locale.
 */
public final class ImageDecoder {
    /** Default of {@code input.max_image_pixels}: a 50-megapixel photo, far beyond any face crop. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000L;
    /** The JPEG header (markers, EXIF) is within the first bytes; a camera's EXIF block is at most 64 KiB. */
    private static final int HEADER_BYTES = 128 << 10;

    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /** A decoder with {@link #DEFAULT_MAX_PIXELS}. */
    public static ImageDecoder standard() {
        return new ImageDecoder(DEFAULT_MAX_PIXELS);
    }

    /**
     * Decodes {@code file} for a crop of {@code target} (subsampled when much larger, never below twice the target).
     *
     * @throws InvalidInputException naming the file and the problem
     */
    public BufferedImage read(Path file, CropSize target) {
        byte[] header;
        try (InputStream in = Files.newInputStream(file)) {
            header = in.readNBytes(HEADER_BYTES);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read image " + file + ": " + describe(e), e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return decode(in, header, file.toString(), target);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read image " + file + ": " + describe(e), e);
        }
    }

    /** Decodes encoded image bytes for a crop of {@code target}; {@code name} names them in errors. */
    public BufferedImage decode(byte[] encoded, String name, CropSize target) {
        try (InputStream in = new ByteArrayInputStream(encoded)) {
            return decode(in, encoded, name, target);
        } catch (IOException e) {
            throw new InvalidInputException("cannot decode image " + name + ": " + describe(e), e);
        }
    }

    private BufferedImage decode(InputStream in, byte[] header, String name, CropSize target) throws IOException {
        JpegHeader jpeg = JpegHeader.read(header);
        if (jpeg != null && jpeg.components() == 4) {
            throw new InvalidInputException("image " + name + " is a CMYK (or YCCK) JPEG, whose colours Java's decoder"
                    + " gets wrong: convert it to RGB first (e.g. `convert in.jpg -colorspace sRGB out.jpg`)");
        }
        try (ImageInputStream stream = ImageIO.createImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new InvalidInputException("not an image faceembed can decode (" + String.join(", ",
                        decodableSuffixes()) + "): " + name);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                BufferedImage image = readChecked(reader, name, target);
                return jpeg == null ? image : oriented(image, jpeg.orientation());
            } finally {
                reader.dispose();
            }
        }
    }

    private BufferedImage readChecked(ImageReader reader, String name, CropSize target) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (width <= 0 || height <= 0) {
            throw new InvalidInputException("image " + name + " declares a size of " + width + "x" + height);
        }
        if (pixels > maxPixels) {
            throw new InvalidInputException(String.format(Locale.ROOT, "image %s is %dx%d (%.1f megapixels), above"
                    + " input.max_image_pixels (%.1f megapixels): a face crop needs far fewer; shrink it, or raise"
                    + " input.max_image_pixels", name, width, height, pixels / 1e6, maxPixels / 1e6));
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, Math.min(width / (2 * target.width()), height / (2 * target.height())));
        param.setSourceSubsampling(step, step, 0, 0);
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
        BufferedImage image = reader.read(0, param);
        if (!warnings.isEmpty()) {
            throw new InvalidInputException("image " + name + " is damaged (" + String.join("; ", warnings)
                    + "): re-export or re-download it");
        }
        return image;
    }

    /**
     * The image turned upright as its EXIF orientation says: 2 mirrored, 3 rotated 180 degrees, 4 flipped, 5
     * transposed, 6 rotated 90 degrees clockwise, 7 transversed, 8 rotated 90 degrees counter-clockwise.
     */
    static BufferedImage oriented(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        int[] in = image.getRGB(0, 0, w, h, null, 0, w);
        boolean swaps = orientation >= 5;
        int outW = swaps ? h : w;
        int outH = swaps ? w : h;
        int[] out = new int[in.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                int source = switch (orientation) {
                    case 2 -> y * w + (w - 1 - x);
                    case 3 -> (h - 1 - y) * w + (w - 1 - x);
                    case 4 -> (h - 1 - y) * w + x;
                    case 5 -> x * w + y;
                    case 6 -> (h - 1 - x) * w + y;
                    case 7 -> (h - 1 - x) * w + (w - 1 - y);
                    default -> x * w + (w - 1 - y);
                };
                out[y * outW + x] = in[source];
            }
        }
        BufferedImage upright = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        upright.setRGB(0, 0, outW, outH, out, 0, outW);
        return upright;
    }

    /** The file suffixes ImageIO can decode here (png, jpg, bmp, gif, ...), lower case. */
    public static List<String> decodableSuffixes() {
        return Arrays.stream(ImageIO.getReaderFileSuffixes()).map(s -> s.toLowerCase(Locale.ROOT))
                .distinct().sorted().toList();
    }

    /** An I/O failure with its whole cause chain, so that e.g. an out-of-memory inside a decoder is named. */
    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            s.append(" (").append(c.getClass().getSimpleName()).append(c.getMessage() == null ? ""
                    : ": " + c.getMessage()).append(')');
        }
        return s.toString();
    }
}

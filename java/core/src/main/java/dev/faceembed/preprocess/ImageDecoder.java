package dev.faceembed.preprocess;

import dev.faceembed.CropSize;
import dev.faceembed.InvalidInputException;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
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

    /**
     * A decoder that refuses images above {@code maxPixels}. It keeps no state: one decoder can serve many threads.
     *
     * @param maxPixels width times height of the largest image decoded, 1 or more
     * @throws IllegalArgumentException if {@code maxPixels} is below 1
     */
    public ImageDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("maxPixels must be >= 1, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /**
     * A decoder with {@link #DEFAULT_MAX_PIXELS}.
     *
     * @return a new decoder
     */
    public static ImageDecoder standard() {
        return new ImageDecoder(DEFAULT_MAX_PIXELS);
    }

    /**
     * Decodes {@code file} for a crop of {@code target} (subsampled when much larger, never below twice the target;
     * {@code null}: full resolution).
     *
     * @param file   a PNG, JPEG or other image ImageIO decodes
     * @param target the crop the image becomes, or null for full resolution
     * @return the image, upright
     * @throws InvalidInputException naming the file and the problem
     */
    public BufferedImage read(Path file, CropSize target) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), HEADER_BYTES)) {
            in.mark(HEADER_BYTES);
            byte[] header = in.readNBytes(HEADER_BYTES);
            in.reset();
            return decode(in, header, file.toString(), target);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read image " + file + ": " + describe(e), e);
        }
    }

    /**
     * Decodes {@code file} at full resolution (a photo to find faces in), upright, with the same checks.
     *
     * @param file a PNG, JPEG or other image ImageIO decodes
     * @return the image, upright
     * @throws InvalidInputException naming the file and the problem
     */
    public BufferedImage readFull(Path file) {
        return read(file, null);
    }

    /**
     * Decodes encoded image bytes at full resolution, upright; {@code name} names them in errors.
     *
     * @param encoded the bytes of a PNG, JPEG or other image ImageIO decodes
     * @param name    what error messages call the image
     * @return the image, upright
     * @throws InvalidInputException naming the image and the problem
     */
    public BufferedImage decodeFull(byte[] encoded, String name) {
        return decode(encoded, name, null);
    }

    /**
     * Decodes encoded image bytes for a crop of {@code target}; {@code name} names them in errors.
     *
     * @param encoded the bytes of a PNG, JPEG or other image ImageIO decodes
     * @param name    what error messages call the image
     * @param target  the crop the image becomes (subsampled when much larger), or null for full resolution
     * @return the image, upright
     * @throws InvalidInputException naming the image and the problem
     */
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
        // In memory: ImageIO's default for a stream is a temporary file per image, the larger part of a crop's cost.
        try (ImageInputStream stream = new MemoryCacheImageInputStream(in)) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(stream);
            if (!readers.hasNext()) {
                throw new InvalidInputException("not an image faceembed can decode (" + String.join(", ",
                        decodableSuffixes()) + "): " + name);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(stream, true, true);
                BufferedImage image;
                try {
                    image = readChecked(reader, name, target);
                } catch (IIOException e) {
                    throw new InvalidInputException("image " + name + " is damaged (" + describe(e) + "): re-export"
                            + " or re-download it", e);
                }
                return jpeg == null ? image : ExifOrientation.upright(image, jpeg.orientation());
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
            throw new InvalidInputException(String.format(Locale.ROOT, "image %s is %dx%d (%s), above"
                    + " input.max_image_pixels (%s): a face needs far fewer; shrink it, or raise"
                    + " input.max_image_pixels", name, width, height, pixels(pixels), pixels(maxPixels)));
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int step = target == null ? 1
                : Math.max(1, Math.min(width / (2 * target.width()), height / (2 * target.height())));
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

    /** {@code "1600.0 megapixels"}, or {@code "800 pixels"} below a tenth of one. */
    private static String pixels(long count) {
        return count < 100_000 ? count + " pixels" : String.format(Locale.ROOT, "%.1f megapixels", count / 1e6);
    }

    /**
     * The file suffixes ImageIO can decode here (png, jpg, bmp, gif, ...), lower case.
     *
     * @return the suffixes without dots, sorted, unmodifiable
     */
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

package dev.faceembed.preprocess;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes aligned face crops (PNG, JPEG) and writes them into uint8 RGB batches, resizing where needed; and the
 * conveniences that embed images, image files and encoded images with a backend (they copy; the hot path is
 * {@link EmbeddingBackend#encodeInto}).
 */
public final class ImageCrops {
    private ImageCrops() {
    }

    /** Embeds decoded images; each is converted to RGB and resized to the backend's crop size if it is not already. */
    public static Embeddings encodeImages(EmbeddingBackend backend, List<BufferedImage> images) {
        backend.ensureReady();
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, images.size());
            fill(batch, images);
            return backend.encode(batch);
        }
    }

    /** Embeds PNG or JPEG files (aligned crops); see {@link #encodeImages}. */
    public static Embeddings encodeFiles(EmbeddingBackend backend, List<Path> files) {
        return encodeImages(backend, readAll(files));
    }

    /** Embeds PNG or JPEG bytes (aligned crops); see {@link #encodeImages}. */
    public static Embeddings encodeEncoded(EmbeddingBackend backend, List<byte[]> encodedImages) {
        return encodeImages(backend, decodeAll(encodedImages));
    }

    /** Reads one PNG or JPEG file. */
    public static BufferedImage read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("image file not found: " + file);
        }
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                throw new InvalidInputException("not a PNG or JPEG image: " + file);
            }
            return image;
        } catch (IOException e) {
            throw new InvalidInputException("cannot decode image " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<BufferedImage> readAll(List<Path> files) {
        List<BufferedImage> images = new ArrayList<>(files.size());
        files.forEach(f -> images.add(read(f)));
        return images;
    }

    /** Decodes PNG or JPEG bytes. */
    public static BufferedImage decode(byte[] encoded) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
            if (image == null) {
                throw new InvalidInputException("not a PNG or JPEG image (" + encoded.length + " bytes)");
            }
            return image;
        } catch (IOException e) {
            throw new InvalidInputException("cannot decode image: " + e.getMessage(), e);
        }
    }

    public static List<BufferedImage> decodeAll(List<byte[]> encoded) {
        List<BufferedImage> images = new ArrayList<>(encoded.size());
        encoded.forEach(e -> images.add(decode(e)));
        return images;
    }

    /** Writes {@code images} into the first crops of a uint8 batch and sets its count. */
    public static void fill(FaceBatch batch, List<BufferedImage> images) {
        if (images.size() > batch.capacity()) {
            throw new InvalidInputException(images.size() + " images do not fit a batch of " + batch.capacity());
        }
        for (int i = 0; i < images.size(); i++) {
            put(batch, i, images.get(i));
        }
        batch.setCount(images.size());
    }

    /** Writes one image into crop {@code index} of a uint8 batch, resizing it to the batch's crop size if needed. */
    public static void put(FaceBatch batch, int index, BufferedImage image) {
        if (batch.layout() != CropLayout.UINT8_HWC_RGB) {
            throw new InvalidInputException("images go into " + CropLayout.UINT8_HWC_RGB + " batches, this one is "
                    + batch.layout());
        }
        CropSize size = batch.size();
        BufferedImage sized = image.getWidth() == size.width() && image.getHeight() == size.height()
                ? image : resize(image, size);
        int[] argb = sized.getRGB(0, 0, size.width(), size.height(), null, 0, size.width());
        writeRgb(argb, batch.crop(index));
    }

    /** Writes ARGB pixels as interleaved RGB bytes. */
    static void writeRgb(int[] argb, MemorySegment crop) {
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            long o = 3L * i;
            crop.set(ValueLayout.JAVA_BYTE, o, (byte) (p >>> 16));
            crop.set(ValueLayout.JAVA_BYTE, o + 1, (byte) (p >>> 8));
            crop.set(ValueLayout.JAVA_BYTE, o + 2, (byte) p);
        }
    }

    /** Bilinear resize to {@code size}, as RGB. */
    public static BufferedImage resize(BufferedImage image, CropSize size) {
        BufferedImage out = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(image, 0, 0, size.width(), size.height(), null);
        } finally {
            g.dispose();
        }
        return out;
    }
}

package dev.faceembed.preprocess;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes aligned face crops into uint8 RGB batches, resizing where needed, and the conveniences that embed images,
 * image files and encoded images with a backend (they copy; the hot path is {@link EmbeddingBackend#encodeInto}).
 * Files and bytes are decoded one at a time by {@link ImageDecoder}, with its limits.
 */
public final class ImageCrops {
    private ImageCrops() {
    }

    /**
     * Embeds decoded images; each is converted to RGB and resized to the backend's crop size if it is not already.
     *
     * @param backend the backend to run
     * @param images  aligned face crops
     * @return one embedding per image, in order
     * @throws InvalidInputException as {@link EmbeddingBackend#encodeInto} does
     */
    public static Embeddings encodeImages(EmbeddingBackend backend, List<BufferedImage> images) {
        backend.ensureReady();
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, images.size());
            fill(batch, images);
            return backend.encode(batch);
        }
    }

    /**
     * Embeds PNG or JPEG files (aligned crops), decoding one at a time; see {@link #encodeImages}.
     *
     * @param backend the backend to run
     * @param files   image files of aligned face crops
     * @return one embedding per file, in order
     * @throws InvalidInputException naming the file, if one cannot be read or decoded
     */
    public static Embeddings encodeFiles(EmbeddingBackend backend, List<Path> files) {
        backend.ensureReady();
        ImageDecoder decoder = ImageDecoder.standard();
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, files.size());
            for (int i = 0; i < files.size(); i++) {
                put(batch, i, decoder.read(files.get(i), backend.cropSize()));
            }
            return backend.encode(batch.setCount(files.size()));
        }
    }

    /**
     * Embeds PNG or JPEG bytes (aligned crops), decoding one at a time; see {@link #encodeImages}.
     *
     * @param backend       the backend to run
     * @param encodedImages encoded images of aligned face crops
     * @return one embedding per image, in order
     * @throws InvalidInputException naming the image by its index, if one cannot be decoded
     */
    public static Embeddings encodeEncoded(EmbeddingBackend backend, List<byte[]> encodedImages) {
        backend.ensureReady();
        ImageDecoder decoder = ImageDecoder.standard();
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, encodedImages.size());
            for (int i = 0; i < encodedImages.size(); i++) {
                put(batch, i, decoder.decode(encodedImages.get(i), "image " + i, backend.cropSize()));
            }
            return backend.encode(batch.setCount(encodedImages.size()));
        }
    }

    /**
     * Writes {@code images} into the first crops of a uint8 batch and sets its count.
     *
     * @param batch  a {@link CropLayout#UINT8_HWC_RGB} batch
     * @param images the images, resized to the batch's crop size where needed
     * @throws InvalidInputException if the images do not fit the batch's capacity or the batch is not uint8
     */
    public static void fill(FaceBatch batch, List<BufferedImage> images) {
        if (images.size() > batch.capacity()) {
            throw new InvalidInputException(images.size() + " images do not fit a batch of " + batch.capacity());
        }
        for (int i = 0; i < images.size(); i++) {
            put(batch, i, images.get(i));
        }
        batch.setCount(images.size());
    }

    /**
     * Writes one image into crop {@code index} of a uint8 batch, resizing it to the batch's crop size if needed.
     * The batch's count is left as it is.
     *
     * @param batch a {@link CropLayout#UINT8_HWC_RGB} batch
     * @param index the crop, 0 to {@code batch.capacity() - 1}
     * @param image the image, of any size and colour type
     * @throws InvalidInputException     if the batch is not uint8
     * @throws IndexOutOfBoundsException if {@code index} is outside the batch's capacity
     */
    public static void put(FaceBatch batch, int index, BufferedImage image) {
        if (batch.layout() != CropLayout.UINT8_HWC_RGB) {
            throw new InvalidInputException("images go into " + CropLayout.UINT8_HWC_RGB + " batches, this one is "
                    + batch.layout());
        }
        CropSize size = batch.size();
        BufferedImage sized = image.getWidth() == size.width() && image.getHeight() == size.height()
                ? image : resize(image, size);
        CropPixels.copy(sized, batch.crop(index));
    }

    /**
     * Bilinear resize to {@code size}, as RGB.
     *
     * @param image the image, of any size and colour type
     * @param size  the size to scale to
     * @return a new {@code TYPE_INT_RGB} image
     */
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

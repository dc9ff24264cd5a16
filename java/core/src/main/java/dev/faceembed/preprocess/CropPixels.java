package dev.faceembed.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Copies a decoded image into a crop of interleaved RGB bytes straight from its raster for the layouts decoders
 * produce (3-byte BGR from JPEG and PNG, 4-byte ABGR, packed int RGB/ARGB, 8-bit grey), and through
 * {@link BufferedImage#getRGB} for anything else. Alpha is dropped.
 */
final class CropPixels {
    private CropPixels() {
    }

    /** Writes the {@code width x height} pixels of {@code image} as RGB bytes into {@code crop}. */
    static void copy(BufferedImage image, MemorySegment crop) {
        int pixels = image.getWidth() * image.getHeight();
        if (!isWholeRaster(image)) {
            packed(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()), pixels, crop);
            return;
        }
        switch (image.getType()) {
            case BufferedImage.TYPE_3BYTE_BGR -> interleaved(bytes(image), 3, 2, 1, 0, pixels, crop);
            case BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_4BYTE_ABGR_PRE ->
                    interleaved(bytes(image), 4, 3, 2, 1, pixels, crop);
            case BufferedImage.TYPE_BYTE_GRAY -> grey(bytes(image), pixels, crop);
            case BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB -> packed(ints(image), pixels, crop);
            default -> packed(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()),
                    pixels, crop);
        }
    }

    /** {@code stride} bytes per pixel, with red, green and blue at the given offsets. */
    private static void interleaved(byte[] data, int stride, int red, int green, int blue, int pixels,
                                    MemorySegment crop) {
        for (int i = 0, o = 0; i < pixels; i++, o += stride) {
            long at = 3L * i;
            crop.set(ValueLayout.JAVA_BYTE, at, data[o + red]);
            crop.set(ValueLayout.JAVA_BYTE, at + 1, data[o + green]);
            crop.set(ValueLayout.JAVA_BYTE, at + 2, data[o + blue]);
        }
    }

    private static void grey(byte[] data, int pixels, MemorySegment crop) {
        for (int i = 0; i < pixels; i++) {
            long at = 3L * i;
            crop.set(ValueLayout.JAVA_BYTE, at, data[i]);
            crop.set(ValueLayout.JAVA_BYTE, at + 1, data[i]);
            crop.set(ValueLayout.JAVA_BYTE, at + 2, data[i]);
        }
    }

    /** ARGB or RGB ints, as {@code getRGB} returns them. */
    static void packed(int[] argb, int pixels, MemorySegment crop) {
        for (int i = 0; i < pixels; i++) {
            int p = argb[i];
            long at = 3L * i;
            crop.set(ValueLayout.JAVA_BYTE, at, (byte) (p >>> 16));
            crop.set(ValueLayout.JAVA_BYTE, at + 1, (byte) (p >>> 8));
            crop.set(ValueLayout.JAVA_BYTE, at + 2, (byte) p);
        }
    }

    /**
     * True when the image's raster is its own single buffer, packed row after row from its first element (what a
     * decoder makes), and not a view into a larger image such as {@link BufferedImage#getSubimage}.
     */
    private static boolean isWholeRaster(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        int elements = raster.getNumDataElements();
        int stride = switch (raster.getSampleModel()) {
            case ComponentSampleModel c -> c.getScanlineStride();
            case SinglePixelPackedSampleModel p -> p.getScanlineStride();
            default -> -1;
        };
        return raster.getParent() == null && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0 && raster.getDataBuffer().getNumBanks() == 1
                && raster.getDataBuffer().getOffset() == 0 && stride == image.getWidth() * elements;
    }

    /** The raster's bytes (a whole raster, see {@link #isWholeRaster}). */
    private static byte[] bytes(BufferedImage image) {
        return ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    }

    private static int[] ints(BufferedImage image) {
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }
}

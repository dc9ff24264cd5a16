package dev.faceembed.detect;

import dev.faceembed.InvalidInputException;

import java.awt.Graphics2D;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.util.Arrays;

/**
 * A photo's pixels as the detector reads them: interleaved 8-bit B, G, R, row-major, no padding; what ImageIO's JPEG
 * decoder produces ({@code TYPE_3BYTE_BGR}), so a decoded JPEG is used without a copy.
 *
 * @param data   {@code 3 x width x height} bytes
 * @param width  pixels per row
 * @param height rows
 */
record BgrImage(byte[] data, int width, int height) {

    /** The pixels of {@code image}, converted to 3-byte BGR when they are in any other layout. */
    static BgrImage of(BufferedImage image) {
        BufferedImage bgr = isPlainBgr(image) ? image : toBgr(image);
        return new BgrImage(((DataBufferByte) bgr.getRaster().getDataBuffer()).getData(), bgr.getWidth(),
                bgr.getHeight());
    }

    /** True when the raster is exactly {@code 3 x width x height} bytes B, G, R with no offset or padding. */
    static boolean isPlainBgr(BufferedImage image) {
        Raster raster = image.getRaster();
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR
                && raster.getSampleModel() instanceof ComponentSampleModel model
                && raster.getDataBuffer() instanceof DataBufferByte buffer
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && model.getPixelStride() == 3 && model.getScanlineStride() == 3 * image.getWidth()
                && Arrays.equals(model.getBandOffsets(), new int[]{2, 1, 0})
                && buffer.getData().length == 3 * image.getWidth() * image.getHeight();
    }

    /**
     * Converts any image to plain 3-byte BGR. Grey images are copied sample by sample: Java2D's grey colour space is
     * linear, so drawing one onto an sRGB image would brighten it. Transparent pixels are laid over white, as a
     * viewer shows them.
     */
    static BufferedImage toBgr(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if ((long) w * h > Integer.MAX_VALUE / 3) {
            throw new InvalidInputException("image of " + w + "x" + h + " pixels is too large");
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        if (image.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            copyGrey(image, ((DataBufferByte) out.getRaster().getDataBuffer()).getData());
            return out;
        }
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Grey samples of any bit depth, with alpha (if any) over white. */
    private static void copyGrey(BufferedImage image, byte[] bgr) {
        WritableRaster raster = image.getRaster();
        int w = image.getWidth();
        int bands = raster.getNumBands();
        double greyMax = (1L << image.getColorModel().getComponentSize(0)) - 1;
        double alphaMax = bands > 1 ? (1L << image.getColorModel().getComponentSize(1)) - 1 : 1;
        int[] row = new int[w * bands];
        for (int y = 0; y < image.getHeight(); y++) {
            raster.getPixels(0, y, w, 1, row);
            for (int x = 0; x < w; x++) {
                double grey = row[x * bands] / greyMax * 255;
                if (bands > 1) {
                    double alpha = row[x * bands + 1] / alphaMax;
                    grey = grey * alpha + 255 * (1 - alpha);
                }
                byte v = (byte) Math.round(grey);
                int o = 3 * (y * w + x);
                bgr[o] = v;
                bgr[o + 1] = v;
                bgr[o + 2] = v;
            }
        }
    }
}

package dev.faceembed.preprocess;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/**
 * Turns a decoded image upright as its EXIF orientation says (TIFF 6.0 / EXIF 2.3): 2 mirrored, 3 rotated 180
 * degrees, 4 flipped, 5 transposed, 6 rotated 90 degrees clockwise, 7 transversed, 8 rotated 90 degrees
 * counter-clockwise. Pixels are moved, never resampled.
 */
public final class ExifOrientation {
    private ExifOrientation() {
    }

    /**
     * {@code image} as it is meant to be shown: the same image for orientation 1 (or a value outside 1..8), else a
     * new one, 3-byte BGR when {@code image} is (a decoded JPEG usually is), RGB otherwise.
     *
     * @param image       the image as decoded
     * @param orientation the EXIF orientation tag, 1 to 8
     * @return the upright image; width and height swap for orientations 5 to 8
     */
    public static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        return image.getType() == BufferedImage.TYPE_3BYTE_BGR && image.getRaster().getDataBuffer()
                instanceof DataBufferByte ? uprightBgr(image, orientation) : uprightRgb(image, orientation);
    }

    /** Where the pixel shown at {@code (x, y)} is stored, in an image of {@code w x h} stored pixels. */
    private static int source(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> y * w + (w - 1 - x);
            case 3 -> (h - 1 - y) * w + (w - 1 - x);
            case 4 -> (h - 1 - y) * w + x;
            case 5 -> x * w + y;
            case 6 -> (h - 1 - x) * w + y;
            case 7 -> (h - 1 - x) * w + (w - 1 - y);
            default -> x * w + (w - 1 - y);
        };
    }

    private static BufferedImage uprightBgr(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swaps = orientation >= 5;
        BufferedImage out = new BufferedImage(swaps ? h : w, swaps ? w : h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        int outW = out.getWidth();
        for (int y = 0; y < out.getHeight(); y++) {
            for (int x = 0; x < outW; x++) {
                int s = 3 * source(orientation, x, y, w, h);
                int d = 3 * (y * outW + x);
                dst[d] = src[s];
                dst[d + 1] = src[s + 1];
                dst[d + 2] = src[s + 2];
            }
        }
        return out;
    }

    private static BufferedImage uprightRgb(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] in = image.getRGB(0, 0, w, h, null, 0, w);
        boolean swaps = orientation >= 5;
        int outW = swaps ? h : w;
        int outH = swaps ? w : h;
        int[] out = new int[in.length];
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                out[y * outW + x] = in[source(orientation, x, y, w, h)];
            }
        }
        BufferedImage upright = new BufferedImage(outW, outH, BufferedImage.TYPE_INT_RGB);
        upright.setRGB(0, 0, outW, outH, out, 0, outW);
        return upright;
    }
}

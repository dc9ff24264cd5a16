package dev.faceembed.detect;

import dev.faceembed.CropSize;
import dev.faceembed.preprocess.SimilarityTransform;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Warps a face out of a BGR photo into an aligned RGB crop (interleaved uint8, the layout of
 * {@code CropLayout.UINT8_HWC_RGB}) by a similarity transform: bilinear, black outside the photo, as
 * {@code FaceAligner} does. When the face is more than 1.5 times the crop's size, each crop pixel averages k x k
 * bilinear samples over its footprint (k up to 4), so a large face is shrunk without aliasing. Reads the photo's
 * bytes in place: nothing is allocated.
 */
final class CropWarper {
    private static final int MAX_SAMPLES = 4;

    private CropWarper() {
    }

    /** Writes the crop of {@code size} that {@code toCrop} maps the face onto into {@code crop}. */
    static void warp(BgrImage image, SimilarityTransform toCrop, CropSize size, MemorySegment crop) {
        SimilarityTransform toImage = toCrop.inverse();
        double a = toImage.a();
        double b = toImage.b();
        int k = toImage.scale() <= 1.5 ? 1 : (int) Math.min(MAX_SAMPLES, Math.ceil(toImage.scale()));
        double weight = 1.0 / (k * k);
        double[] rgb = new double[3];
        for (int y = 0; y < size.height(); y++) {
            for (int x = 0; x < size.width(); x++) {
                double r = 0, g = 0, bl = 0;
                for (int sy = 0; sy < k; sy++) {
                    double cy = y + (sy + 0.5) / k - 0.5;
                    for (int sx = 0; sx < k; sx++) {
                        double cx = x + (sx + 0.5) / k - 0.5;
                        sample(image, a * cx - b * cy + toImage.tx(), b * cx + a * cy + toImage.ty(), rgb);
                        r += rgb[0];
                        g += rgb[1];
                        bl += rgb[2];
                    }
                }
                long o = 3L * (y * size.width() + x);
                crop.set(ValueLayout.JAVA_BYTE, o, (byte) round(r * weight));
                crop.set(ValueLayout.JAVA_BYTE, o + 1, (byte) round(g * weight));
                crop.set(ValueLayout.JAVA_BYTE, o + 2, (byte) round(bl * weight));
            }
        }
    }

    /** Bilinear R, G, B at {@code (x, y)}; pixels outside the photo count as black. */
    private static void sample(BgrImage image, double x, double y, double[] rgb) {
        int w = image.width();
        int h = image.height();
        byte[] src = image.data();
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double r = 0, g = 0, b = 0;
        for (int dy = 0; dy <= 1; dy++) {
            int py = y0 + dy;
            if (py < 0 || py >= h) {
                continue;
            }
            double wy = dy == 0 ? 1 - fy : fy;
            for (int dx = 0; dx <= 1; dx++) {
                int px = x0 + dx;
                if (px < 0 || px >= w) {
                    continue;
                }
                double wxy = wy * (dx == 0 ? 1 - fx : fx);
                int p = 3 * (py * w + px);
                b += wxy * (src[p] & 0xFF);
                g += wxy * (src[p + 1] & 0xFF);
                r += wxy * (src[p + 2] & 0xFF);
            }
        }
        rgb[0] = r;
        rgb[1] = g;
        rgb[2] = b;
    }

    private static int round(double v) {
        return (int) Math.min(255, Math.max(0, Math.round(v)));
    }
}

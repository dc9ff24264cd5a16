package dev.faceembed.detect;

import java.util.Arrays;

/**
 * Samples a rectangle of a photo onto a grid of pixels: the average over each output pixel's footprint when
 * shrinking (so a 4000-pixel photo does not alias into the detector's 320x240 view), bilinear when enlarging. The
 * rectangle may extend beyond the photo; output pixels there get {@code fill}, partly covered pixels a mix. The
 * weights are separable and kept between calls, so sampling allocates nothing once the buffers have grown. One
 * thread at a time.
 */
final class Resampler {
    private final Axis columns = new Axis();
    private final Axis rows = new Axis();
    private float[] out = new float[0];

    /**
     * Samples {@code [x0, x0 + width) x [y0, y0 + height)} of {@code image} onto {@code outWidth x outHeight} pixels.
     *
     * @return B, G, R floats per output pixel, row-major ({@code 3 x outWidth x outHeight} values; the array is
     * reused by the next call)
     */
    float[] sample(BgrImage image, double x0, double y0, double width, double height, int outWidth, int outHeight,
                   float fill) {
        columns.build(x0, width, outWidth, image.width());
        rows.build(y0, height, outHeight, image.height());
        int n = 3 * outWidth * outHeight;
        if (out.length < n) {
            out = new float[n];
        }
        byte[] src = image.data();
        int stride = 3 * image.width();
        for (int y = 0; y < outHeight; y++) {
            int rowBase = 3 * y * outWidth;
            Arrays.fill(out, rowBase, rowBase + 3 * outWidth, 0f);
            for (int ky = 0; ky < rows.count[y]; ky++) {
                float wy = rows.weights[y * rows.taps + ky];
                int srcRow = (rows.first[y] + ky) * stride;
                for (int x = 0; x < outWidth; x++) {
                    float b = 0, g = 0, r = 0;
                    int wBase = x * columns.taps;
                    int p = srcRow + 3 * columns.first[x];
                    for (int kx = 0; kx < columns.count[x]; kx++, p += 3) {
                        float w = columns.weights[wBase + kx];
                        b += w * (src[p] & 0xFF);
                        g += w * (src[p + 1] & 0xFF);
                        r += w * (src[p + 2] & 0xFF);
                    }
                    int o = rowBase + 3 * x;
                    out[o] += wy * b;
                    out[o + 1] += wy * g;
                    out[o + 2] += wy * r;
                }
            }
            for (int x = 0; x < outWidth; x++) {
                float outside = (1 - columns.inside[x] * rows.inside[y]) * fill;
                int o = rowBase + 3 * x;
                out[o] += outside;
                out[o + 1] += outside;
                out[o + 2] += outside;
            }
        }
        return out;
    }

    /** The source pixels and weights of every output pixel along one axis. */
    private static final class Axis {
        int taps;
        int[] first = new int[0];
        int[] count = new int[0];
        float[] inside = new float[0];
        float[] weights = new float[0];

        /** Output pixel {@code d} of {@code n} covers {@code [start + d * length / n, start + (d + 1) * ...)}. */
        void build(double start, double length, int n, int size) {
            double step = length / n;
            taps = step > 1 ? (int) Math.ceil(step) + 1 : 2;
            if (first.length < n) {
                first = new int[n];
                count = new int[n];
                inside = new float[n];
            }
            if (weights.length < n * taps) {
                weights = new float[n * taps];
            }
            for (int d = 0; d < n; d++) {
                if (step > 1) {
                    area(d, start + d * step, step, size);
                } else {
                    bilinear(d, start + (d + 0.5) * step - 0.5, size);
                }
            }
        }

        private void area(int d, double a, double step, int size) {
            double b = a + step;
            int lo = Math.max(0, (int) Math.floor(a));
            int hi = Math.min(size, (int) Math.ceil(b));
            first[d] = Math.min(lo, size - 1);
            count[d] = Math.max(0, hi - lo);
            float sum = 0;
            for (int k = 0; k < count[d]; k++) {
                int i = lo + k;
                float w = (float) ((Math.min(b, i + 1) - Math.max(a, i)) / step);
                weights[d * taps + k] = w;
                sum += w;
            }
            inside[d] = sum;
        }

        /** Within half a pixel of the photo the edge pixel is repeated (as image resizers do); beyond, nothing. */
        private void bilinear(int d, double u, int size) {
            if (u < -0.5 || u > size - 0.5) {
                first[d] = 0;
                count[d] = 0;
                inside[d] = 0;
                return;
            }
            double clamped = Math.min(Math.max(u, 0), size - 1);
            int i = (int) Math.floor(clamped);
            float t = (float) (clamped - i);
            first[d] = i;
            inside[d] = 1;
            if (i >= size - 1 || t == 0) {
                count[d] = 1;
                weights[d * taps] = 1;
            } else {
                count[d] = 2;
                weights[d * taps] = 1 - t;
                weights[d * taps + 1] = t;
            }
        }
    }
}

package dev.faceembed.preprocess;

import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;

import java.awt.image.BufferedImage;

/**
 * Aligns a face to the standard ArcFace crop from five landmarks (left eye, right eye, nose tip, left and right mouth
 * corner, as seen in the image), the way face detectors such as RetinaFace or SCRFD report them: the least-squares
 * similarity transform onto the template, then a bilinear warp with black outside the image (like OpenCV's
 * {@code warpAffine} with a constant border).
 */
public final class FaceAligner {
    /** The ArcFace landmark template in a 112x112 crop, {x, y} per landmark. */
    public static final double[][] ARCFACE_112 = {
            {38.29459953, 51.69630051},
            {73.53179932, 51.50139999},
            {56.02519989, 71.73660278},
            {41.54930115, 92.3655014},
            {70.72990036, 92.20410156},
    };

    private final CropSize size;
    private final double[][] template;

    /**
     * An aligner for crops of {@code size}; the template is scaled from 112x112. An aligner keeps no state after it is
     * made: one instance can serve many threads.
     *
     * @param size the crop size the aligner makes
     */
    public FaceAligner(CropSize size) {
        this.size = size;
        this.template = new double[5][2];
        for (int i = 0; i < 5; i++) {
            template[i][0] = ARCFACE_112[i][0] * size.width() / 112.0;
            template[i][1] = ARCFACE_112[i][1] * size.height() / 112.0;
        }
    }

    /**
     * The transform from image coordinates to crop coordinates for {@code landmarks} {@code [x0,y0,...,x4,y4]}.
     *
     * @param landmarks the five landmarks in image pixels, in the order of {@link #ARCFACE_112}
     * @return the least-squares similarity onto the template
     * @throws InvalidInputException if there are not 10 numbers, one is not finite, or the landmarks all coincide
     */
    public SimilarityTransform estimate(float[] landmarks) {
        if (landmarks.length != 10) {
            throw new InvalidInputException("need 5 landmarks as 10 numbers x0,y0,...,x4,y4; got "
                    + landmarks.length + " numbers");
        }
        double[][] points = new double[5][2];
        for (int i = 0; i < 5; i++) {
            if (!Float.isFinite(landmarks[2 * i]) || !Float.isFinite(landmarks[2 * i + 1])) {
                throw new InvalidInputException("landmark " + i + " is not finite");
            }
            points[i][0] = landmarks[2 * i];
            points[i][1] = landmarks[2 * i + 1];
        }
        try {
            return SimilarityTransform.estimate(points, template);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("landmarks do not define a face: " + e.getMessage(), e);
        }
    }

    /**
     * The aligned crop as an RGB image.
     *
     * @param image     the photo the landmarks were found in
     * @param landmarks the five landmarks in image pixels, {@code [x0,y0,...,x4,y4]}
     * @return a new {@code TYPE_INT_RGB} image of the aligner's crop size
     * @throws InvalidInputException as {@link #estimate} does
     */
    public BufferedImage align(BufferedImage image, float[] landmarks) {
        int[] argb = warp(image, estimate(landmarks));
        BufferedImage out = new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, size.width(), size.height(), argb, 0, size.width());
        return out;
    }

    /**
     * Writes the aligned crop into crop {@code index} of a uint8 batch of this aligner's size. The batch's count is
     * left as it is.
     *
     * @param image     the photo the landmarks were found in
     * @param landmarks the five landmarks in image pixels, {@code [x0,y0,...,x4,y4]}
     * @param batch     a {@link dev.faceembed.CropLayout#UINT8_HWC_RGB} batch of this aligner's crop size
     * @param index     the crop, 0 to {@code batch.capacity() - 1}
     * @throws InvalidInputException     if the batch's crop size is not this aligner's, or as {@link #estimate} does
     * @throws IndexOutOfBoundsException if {@code index} is outside the batch's capacity
     */
    public void alignInto(BufferedImage image, float[] landmarks, FaceBatch batch, int index) {
        if (!batch.size().equals(size)) {
            throw new InvalidInputException("batch crops are " + batch.size() + ", this aligner makes " + size);
        }
        int[] argb = warp(image, estimate(landmarks));
        CropPixels.packed(argb, argb.length, batch.crop(index));
    }

    /** Samples the source at the inverse transform of every crop pixel, bilinearly; outside the image is black. */
    int[] warp(BufferedImage image, SimilarityTransform toCrop) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        SimilarityTransform toImage = toCrop.inverse();
        int[] out = new int[size.width() * size.height()];
        for (int y = 0; y < size.height(); y++) {
            for (int x = 0; x < size.width(); x++) {
                double sx = toImage.a() * x - toImage.b() * y + toImage.tx();
                double sy = toImage.b() * x + toImage.a() * y + toImage.ty();
                out[y * size.width() + x] = sample(src, w, h, sx, sy);
            }
        }
        return out;
    }

    private static int sample(int[] src, int w, int h, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        double r = 0, g = 0, b = 0;
        for (int dy = 0; dy <= 1; dy++) {
            for (int dx = 0; dx <= 1; dx++) {
                int px = x0 + dx;
                int py = y0 + dy;
                if (px < 0 || py < 0 || px >= w || py >= h) {
                    continue;
                }
                double weight = (dx == 0 ? 1 - fx : fx) * (dy == 0 ? 1 - fy : fy);
                int p = src[py * w + px];
                r += weight * ((p >>> 16) & 0xFF);
                g += weight * ((p >>> 8) & 0xFF);
                b += weight * (p & 0xFF);
            }
        }
        return (round(r) << 16) | (round(g) << 8) | round(b);
    }

    private static int round(double v) {
        return (int) Math.min(255, Math.max(0, Math.round(v)));
    }
}

package dev.faceembed.model;

import dev.faceembed.CropSize;

import java.util.List;

/**
 * What a model expects of a crop: its size, the order of the colour planes, and per-plane normalisation
 * {@code value = (pixel - mean[plane]) / std[plane]}, with {@code mean} and {@code std} listed in plane order.
 *
 * @param cropSize     height and width of the crops
 * @param channelOrder the order of the colour planes
 * @param mean         three finite values, one per input plane, in pixel units (0 to 255)
 * @param std          three finite, non-zero values, one per input plane
 */
public record Preprocessing(CropSize cropSize, ChannelOrder channelOrder, List<Double> mean, List<Double> std) {
    /** The ArcFace crop size. */
    public static final CropSize ARCFACE_CROP = new CropSize(112, 112);

    /**
     * Copies the lists and checks them.
     *
     * @throws IllegalArgumentException if {@code mean} or {@code std} does not have 3 values, a value is not finite,
     *                                  or a std is 0
     */
    public Preprocessing {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != 3 || std.size() != 3) {
            throw new IllegalArgumentException("mean and std need one value per colour plane (3), got " + mean
                    + " and " + std);
        }
        for (int i = 0; i < 3; i++) {
            if (!Double.isFinite(mean.get(i)) || !Double.isFinite(std.get(i)) || std.get(i) == 0.0) {
                throw new IllegalArgumentException("mean must be finite and std finite and non-zero, got mean " + mean
                        + ", std " + std);
            }
        }
    }

    /**
     * The same mean and std for all three planes, on 112x112 crops.
     *
     * @param order the order of the colour planes
     * @param mean  subtracted from every pixel value
     * @param std   divides the difference; finite and non-zero
     * @return the preprocessing
     * @throws IllegalArgumentException if {@code mean} or {@code std} is not finite, or {@code std} is 0
     */
    public static Preprocessing of(ChannelOrder order, double mean, double std) {
        return new Preprocessing(ARCFACE_CROP, order, List.of(mean, mean, mean), List.of(std, std, std));
    }

    /**
     * The value of {@code pixel} in input plane {@code plane}, in float32 exactly as the reference computes it.
     *
     * @param plane the input plane, 0 to 2
     * @param pixel the 8-bit pixel value, 0 to 255
     * @return {@code (pixel - mean[plane]) / std[plane]} in float32
     */
    public float normalise(int plane, int pixel) {
        return (float) ((pixel - mean.get(plane).floatValue()) / std.get(plane).floatValue());
    }

    @Override
    public String toString() {
        return cropSize + " " + channelOrder + " mean " + mean + " std " + std;
    }
}

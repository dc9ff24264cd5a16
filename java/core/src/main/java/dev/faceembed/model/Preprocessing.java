package dev.faceembed.model;

import dev.faceembed.CropSize;

import java.util.List;

/**
 * What a model expects of a crop: its size, the order of the colour planes, and per-plane normalisation
 * {@code value = (pixel - mean[plane]) / std[plane]}, with {@code mean} and {@code std} listed in plane order.
 */
public record Preprocessing(CropSize cropSize, ChannelOrder channelOrder, List<Double> mean, List<Double> std) {
    /** The ArcFace crop size. */
    public static final CropSize ARCFACE_CROP = new CropSize(112, 112);

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

    /** The same mean and std for all three planes, on 112x112 crops. */
    public static Preprocessing of(ChannelOrder order, double mean, double std) {
        return new Preprocessing(ARCFACE_CROP, order, List.of(mean, mean, mean), List.of(std, std, std));
    }

    /** The value of {@code pixel} in input plane {@code plane}, in float32 exactly as the reference computes it. */
    public float normalise(int plane, int pixel) {
        return (float) ((pixel - mean.get(plane).floatValue()) / std.get(plane).floatValue());
    }

    @Override
    public String toString() {
        return cropSize + " " + channelOrder + " mean " + mean + " std " + std;
    }
}

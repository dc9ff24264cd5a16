package dev.faceembed.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Distribution of one per-row measure (cosine similarity or L2 distance): min, mean, p50, p99, max. */
record SimilarityStats(double min, double mean, double p50, double p99, double max) {

    static SimilarityStats of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new SimilarityStats(sorted[0], Arrays.stream(sorted).average().orElse(Double.NaN),
                rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", min);
        m.put("mean", mean);
        m.put("p50", p50);
        m.put("p99", p99);
        m.put("max", max);
        return m;
    }
}

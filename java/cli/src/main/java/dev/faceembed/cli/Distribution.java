package dev.faceembed.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The distribution of a measure (a latency in milliseconds, a cosine similarity, a distance): mean, min, max and
 * nearest-rank percentiles.
 */
record Distribution(double mean, double p50, double p90, double p99, double min, double max) {

    static Distribution of(double[] values) {
        if (values.length == 0) {
            return new Distribution(0, 0, 0, 0, 0, 0);
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Distribution(Arrays.stream(sorted).average().orElse(Double.NaN), rank(sorted, 0.50),
                rank(sorted, 0.90), rank(sorted, 0.99), sorted[0], sorted[sorted.length - 1]);
    }

    /** Durations in nanoseconds, as milliseconds. */
    static Distribution ofNanosAsMillis(long[] nanos) {
        return of(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray());
    }

    private static double rank(double[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Every statistic; rounded to 3 decimals when {@code rounded} (milliseconds), else exact. */
    Map<String, Object> toJson(boolean rounded) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", rounded ? round(mean) : mean);
        m.put("p50", rounded ? round(p50) : p50);
        m.put("p90", rounded ? round(p90) : p90);
        m.put("p99", rounded ? round(p99) : p99);
        m.put("min", rounded ? round(min) : min);
        m.put("max", rounded ? round(max) : max);
        return m;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

package dev.faceembed.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency of calls in milliseconds: mean and percentiles (nearest rank). */
record LatencyStats(double mean, double p50, double p90, double p99, double min, double max) {

    static LatencyStats ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        return new LatencyStats(mean, rank(sorted, 0.50), rank(sorted, 0.90), rank(sorted, 0.99),
                sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static double rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", round(mean));
        m.put("p50", round(p50));
        m.put("p90", round(p90));
        m.put("p99", round(p99));
        m.put("min", round(min));
        m.put("max", round(max));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}

package dev.faceembed.cli;

import dev.faceembed.onnxruntime.GraphOptimization;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The ONNX Runtime settings {@code embed benchmark --sweep} tries: the configured ones first when they adapt to the
 * callers (the default), then every fixed combination of intra-op threads (1 and every core), sessions (1 and one
 * per core), denormals flushed or not, graph optimisation extended or all.
 */
final class SettingsSweep {
    private SettingsSweep() {
    }

    static List<OnnxRuntimeOptions> variants(OnnxRuntimeOptions base) {
        int cores = Runtime.getRuntime().availableProcessors();
        Set<Integer> threads = new LinkedHashSet<>(List.of(cores, 1));
        Set<Integer> sessions = new LinkedHashSet<>(List.of(1, cores));
        List<OnnxRuntimeOptions> variants = new ArrayList<>();
        if (base.adaptToCallers()) {
            variants.add(base);
        }
        for (GraphOptimization optimization : List.of(GraphOptimization.ALL, GraphOptimization.EXTENDED)) {
            for (boolean flush : List.of(true, false)) {
                for (int s : sessions) {
                    for (int t : threads) {
                        variants.add(base.withOptimization(optimization).withFlushDenormals(flush).withSessions(s)
                                .withIntraOpThreads(t));
                    }
                }
            }
        }
        return variants;
    }
}

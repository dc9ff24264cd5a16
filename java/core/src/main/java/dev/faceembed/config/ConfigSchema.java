package dev.faceembed.config;

import dev.faceembed.config.ConfigKey.Type;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Every key of config/pipeline/embedding.yaml and config/pipeline/arcface_tensorrt.yaml, with its default. */
final class ConfigSchema {
    static final Map<String, ConfigKey> KEYS = build();

    private ConfigSchema() {
    }

    private static Map<String, ConfigKey> build() {
        Map<String, ConfigKey> keys = new LinkedHashMap<>();
        add(keys, choice("embedding.backend", "onnxruntime", "onnxruntime", "tensorrt", "pytorch"));
        add(keys, new ConfigKey("embedding.tensorrt_config", Type.PATH, true, Path.of("arcface_tensorrt.yaml"), 0, 0,
                List.of()));
        add(keys, text("embedding.device", "cuda:0"));
        add(keys, bool("embedding.allow_cpu_fallback", true));
        add(keys, new ConfigKey("embedding.model", Type.PATH, true, null, 0, 0, List.of()));
        add(keys, choice("embedding.preprocessing.channel_order", "rgb", "rgb", "bgr"));
        add(keys, new ConfigKey("embedding.preprocessing.mean", Type.THREE_NUMBERS, false,
                List.of(127.5, 127.5, 127.5), -1e6, 1e6, List.of()));
        add(keys, new ConfigKey("embedding.preprocessing.std", Type.THREE_NUMBERS, false,
                List.of(127.5, 127.5, 127.5), -1e6, 1e6, List.of()));
        add(keys, integer("embedding.max_batch_size", 128, 1, 65536, false));

        add(keys, integer("onnxruntime.intra_op_threads", null, 0, 1024, true));
        add(keys, integer("onnxruntime.inter_op_threads", 1, 0, 1024, false));
        add(keys, choice("onnxruntime.graph_optimization", "all", "disable_all", "basic", "extended", "layout",
                "all"));
        add(keys, bool("onnxruntime.flush_denormals", true));
        add(keys, integer("onnxruntime.sessions", 1, 1, 64, false));
        add(keys, choice("onnxruntime.execution_provider", "cpu", "cpu", "cuda", "tensorrt"));

        add(keys, new ConfigKey("validation.max_drift_cosine", Type.DECIMAL, false, 0.001, 0, 2, List.of()));

        add(keys, bool("arcface_tensorrt.enabled", false));
        add(keys, choice("tensorrt.precision", "fp16", "fp16", "fp32"));
        add(keys, integer("tensorrt.max_batch_size", 32, 1, 4096, false));
        add(keys, integer("tensorrt.opt_batch_size", 16, 1, 4096, false));
        add(keys, integer("tensorrt.workspace_size_mb", 1024, 16, 1 << 20, false));
        add(keys, new ConfigKey("tensorrt.engine_cache_dir", Type.PATH, true, null, 0, 0, List.of()));
        add(keys, nullableText("tensorrt.engine_s3_bucket"));
        add(keys, text("tensorrt.engine_s3_prefix", "faceembed/engines"));
        add(keys, nullableText("tensorrt.engine_s3_region"));
        add(keys, nullableText("tensorrt.engine_s3_endpoint"));
        add(keys, bool("tensorrt.engine_s3_upload", false));
        add(keys, integer("tensorrt.streams", 2, 1, 16, false));
        return Map.copyOf(keys);
    }

    private static void add(Map<String, ConfigKey> keys, ConfigKey key) {
        keys.put(key.path(), key);
    }

    private static ConfigKey text(String path, String defaultValue) {
        return new ConfigKey(path, Type.TEXT, false, defaultValue, 0, 0, List.of());
    }

    private static ConfigKey nullableText(String path) {
        return new ConfigKey(path, Type.TEXT, true, null, 0, 0, List.of());
    }

    private static ConfigKey bool(String path, boolean defaultValue) {
        return new ConfigKey(path, Type.BOOLEAN, false, defaultValue, 0, 0, List.of());
    }

    private static ConfigKey integer(String path, Integer defaultValue, int min, int max, boolean nullable) {
        return new ConfigKey(path, Type.INTEGER, nullable, defaultValue, min, max, List.of());
    }

    private static ConfigKey choice(String path, String defaultValue, String... choices) {
        return new ConfigKey(path, Type.CHOICE, false, defaultValue, 0, 0, List.of(choices));
    }

    static Optional<ConfigKey> key(String path) {
        return Optional.ofNullable(KEYS.get(path));
    }

    /** True for a path that holds keys, e.g. {@code embedding} or {@code embedding.preprocessing}. */
    static boolean isSection(String path) {
        String prefix = path + ".";
        return KEYS.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** The known key or section closest to a misspelt one, if any is close enough to be the likely intent. */
    static Optional<String> nearest(String path) {
        Set<String> candidates = new TreeSet<>();
        for (String key : KEYS.keySet()) {
            for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
                candidates.add(key.substring(0, dot));
            }
            candidates.add(key);
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : candidates) {
            int d = distance(path, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        String leaf = path.substring(path.lastIndexOf('.') + 1);
        int allowed = Math.max(2, leaf.length() / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}

package dev.faceembed.cache;

import dev.faceembed.files.Json;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON file beside each plan: which engine the plan is (its key), the plan's own sha256 and size, and how it was
 * built. A cache entry is complete only when its sidecar exists and matches the plan.
 *
 * @param key              the engine this plan is
 * @param planSha256       sha256 of the plan file, 64 hex digits
 * @param planBytes        size of the plan file
 * @param cudaVersion      CUDA version the builder used, as it reported it
 * @param builtAt          when the build finished
 * @param buildMillis      how long the build took
 * @param host             the machine that built it
 * @param faceembedVersion the faceembed version that built it
 */
public record EngineSidecar(EngineKey key, String planSha256, long planBytes, String cudaVersion, Instant builtAt,
                            long buildMillis, String host, String faceembedVersion) {
    /** Version of the sidecar format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    public EngineSidecar {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(planSha256, "planSha256");
        Objects.requireNonNull(cudaVersion, "cudaVersion");
        Objects.requireNonNull(builtAt, "builtAt");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(faceembedVersion, "faceembedVersion");
        if (!EngineKey.isSha256(planSha256)) {
            throw new IllegalArgumentException("plan sha256 must be 64 lower-case hex digits, got '" + planSha256
                    + "'");
        }
        if (planBytes < 0 || buildMillis < 0) {
            throw new IllegalArgumentException("plan bytes and build millis must not be negative");
        }
    }

    /** The sidecar's fields in file order, for JSON output. */
    public Map<String, Object> toMap() {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("min", key.minBatch());
        batch.put("opt", key.optBatch());
        batch.put("max", key.maxBatch());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format_version", FORMAT_VERSION);
        out.put("model_name", key.modelName());
        out.put("model_sha256", key.modelSha256());
        out.put("precision", key.precision().id());
        out.put("batch_profile", batch);
        out.put("workspace_bytes", key.workspaceBytes());
        out.put("compute_capability", key.target().computeCapability());
        out.put("tensorrt_version", key.tensorRtVersion());
        out.put("cuda_version", cudaVersion);
        out.put("plan_sha256", planSha256);
        out.put("plan_bytes", planBytes);
        out.put("built_at", builtAt.toString());
        out.put("build_millis", buildMillis);
        out.put("host", host);
        out.put("faceembed_version", faceembedVersion);
        return out;
    }

    public String toJson() {
        return Json.write(toMap());
    }

    /**
     * Parses a sidecar; {@code origin} names the file or object in errors.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static EngineSidecar fromJson(String json, String origin) {
        Map<String, Object> map = Json.parseObject(json, origin);
        long format = number(map, "format_version", origin);
        if (format != FORMAT_VERSION) {
            throw new IllegalArgumentException(origin + " has format_version " + format + "; this faceembed reads "
                    + FORMAT_VERSION + " (written by another faceembed version)");
        }
        Map<String, Object> batch = object(map, "batch_profile", origin);
        long minBatch = number(batch, "min", origin);
        long optBatch = number(batch, "opt", origin);
        long maxBatch = number(batch, "max", origin);
        String capability = text(map, "compute_capability", origin);
        if (!capability.matches("\\d{1,2}\\.\\d")) {
            throw new IllegalArgumentException(origin + ": compute_capability must look like 9.0, got '"
                    + capability + "'");
        }
        int dot = capability.indexOf('.');
        String modelName = text(map, "model_name", origin);
        String modelSha256 = text(map, "model_sha256", origin);
        String precision = text(map, "precision", origin);
        long workspaceBytes = number(map, "workspace_bytes", origin);
        String tensorRtVersion = text(map, "tensorrt_version", origin);
        String planSha256 = text(map, "plan_sha256", origin);
        long planBytes = number(map, "plan_bytes", origin);
        String cudaVersion = text(map, "cuda_version", origin);
        String builtAt = text(map, "built_at", origin);
        long buildMillis = number(map, "build_millis", origin);
        String host = text(map, "host", origin);
        String faceembedVersion = text(map, "faceembed_version", origin);
        try {
            EngineKey key = new EngineKey(modelName, modelSha256, Precision.parse(precision),
                    Math.toIntExact(minBatch), Math.toIntExact(optBatch), Math.toIntExact(maxBatch), workspaceBytes,
                    Integer.parseInt(capability.substring(0, dot)), Integer.parseInt(capability.substring(dot + 1)),
                    tensorRtVersion);
            return new EngineSidecar(key, planSha256, planBytes, cudaVersion, Instant.parse(builtAt), buildMillis,
                    host, faceembedVersion);
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static String text(Map<String, Object> map, String field, String origin) {
        if (map.get(field) instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException(origin + ": field '" + field + "' must be a string, got "
                + describe(map.get(field)));
    }

    private static long number(Map<String, Object> map, String field, String origin) {
        Object value = map.get(field);
        if (value instanceof Integer || value instanceof Long) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException(origin + ": field '" + field + "' must be an integer, got "
                + describe(value));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> map, String field, String origin) {
        if (map.get(field) instanceof Map<?, ?> nested) {
            return (Map<String, Object>) nested;
        }
        throw new IllegalArgumentException(origin + ": field '" + field + "' must be an object, got "
                + describe(map.get(field)));
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}

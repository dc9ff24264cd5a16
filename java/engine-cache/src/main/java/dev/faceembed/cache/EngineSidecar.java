package dev.faceembed.cache;

import dev.faceembed.files.Json;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    public static final int FORMAT_VERSION = 2;

    /** Checks the components: hashes, sizes and times must be given and well-formed. */
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

    /**
     * The sidecar's fields in file order, for JSON output.
     *
     * @return the fields
     */
    public Map<String, Object> toMap() {
        List<Map<String, Object>> profiles = new ArrayList<>();
        for (BatchProfile p : key.profiles()) {
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("min", p.min());
            profile.put("opt", p.opt());
            profile.put("max", p.max());
            profiles.add(profile);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format_version", FORMAT_VERSION);
        out.put("model_name", key.modelName());
        out.put("model_sha256", key.modelSha256());
        out.put("precision", key.precision().id());
        out.put("tf32", key.tf32());
        out.put("batch_profiles", profiles);
        out.put("workspace_bytes", key.workspaceBytes());
        out.put("optimization_level", key.optimizationLevel());
        out.put("compute_capability", key.target().computeCapability());
        out.put("gpu_model", key.target().gpuModel());
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

    /**
     * The sidecar file's content.
     *
     * @return indented JSON
     */
    public String toJson() {
        return Json.write(toMap());
    }

    /**
     * Parses a sidecar; {@code origin} names the file or object in errors.
     *
     * @param json   the sidecar file's content
     * @param origin the file or object, for messages
     * @return the sidecar
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static EngineSidecar fromJson(String json, String origin) {
        Map<String, Object> map = Json.parseObject(json, origin);
        long format = number(map, "format_version", origin);
        if (format != FORMAT_VERSION) {
            throw new IllegalArgumentException(origin + " has format_version " + format + "; this faceembed reads "
                    + FORMAT_VERSION + " (written by another faceembed version)");
        }
        try {
            EngineKey key = EngineKey.builder(text(map, "model_name", origin), text(map, "model_sha256", origin))
                    .precision(Precision.parse(text(map, "precision", origin)))
                    .tf32(bool(map, "tf32", origin))
                    .profiles(profiles(map, origin))
                    .workspaceBytes(number(map, "workspace_bytes", origin))
                    .optimizationLevel(Math.toIntExact(number(map, "optimization_level", origin)))
                    .target(target(map, origin))
                    .build();
            return new EngineSidecar(key, text(map, "plan_sha256", origin), number(map, "plan_bytes", origin),
                    text(map, "cuda_version", origin), Instant.parse(text(map, "built_at", origin)),
                    number(map, "build_millis", origin), text(map, "host", origin),
                    text(map, "faceembed_version", origin));
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(origin) ? e : new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    private static EngineTarget target(Map<String, Object> map, String origin) {
        String capability = text(map, "compute_capability", origin);
        if (!capability.matches("\\d{1,2}\\.\\d")) {
            throw new IllegalArgumentException(origin + ": compute_capability must look like 9.0, got '"
                    + capability + "'");
        }
        int dot = capability.indexOf('.');
        return new EngineTarget(Integer.parseInt(capability.substring(0, dot)),
                Integer.parseInt(capability.substring(dot + 1)), text(map, "tensorrt_version", origin),
                text(map, "gpu_model", origin));
    }

    private static List<BatchProfile> profiles(Map<String, Object> map, String origin) {
        if (!(map.get("batch_profiles") instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(origin + ": field 'batch_profiles' must be a non-empty list, got "
                    + describe(map.get("batch_profiles")));
        }
        List<BatchProfile> profiles = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> p = object(item, "batch_profiles[" + profiles.size() + "]", origin);
            profiles.add(new BatchProfile(Math.toIntExact(number(p, "min", origin)),
                    Math.toIntExact(number(p, "opt", origin)), Math.toIntExact(number(p, "max", origin))));
        }
        return profiles;
    }

    private static boolean bool(Map<String, Object> map, String field, String origin) {
        if (map.get(field) instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(origin + ": field '" + field + "' must be true or false, got "
                + describe(map.get(field)));
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
    private static Map<String, Object> object(Object value, String field, String origin) {
        if (value instanceof Map<?, ?> nested) {
            return (Map<String, Object>) nested;
        }
        throw new IllegalArgumentException(origin + ": field '" + field + "' must be an object, got "
                + describe(value));
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}

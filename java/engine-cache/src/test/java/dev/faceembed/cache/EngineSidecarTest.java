package dev.faceembed.cache;

import dev.faceembed.files.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineSidecarTest {
    private static final EngineSidecar SIDECAR = new EngineSidecar(TestEngines.key(),
            "ab".repeat(32), 123_456_789_012L, "13.0", Instant.parse("2026-03-01T12:34:56.789Z"), 81_234,
            "gpu-01", "0.1.0");

    @Test
    void roundTripsThroughJson() {
        assertEquals(SIDECAR, EngineSidecar.fromJson(SIDECAR.toJson(), "test"));
    }

    @Test
    void jsonHasTheDocumentedFields() {
        Map<String, Object> json = Json.parseObject(SIDECAR.toJson(), "test");
        assertEquals(List.of("format_version", "model_name", "model_sha256", "precision", "tf32", "batch_profiles",
                "workspace_bytes", "optimization_level", "compute_capability", "gpu_model", "tensorrt_version",
                "cuda_version", "plan_sha256", "plan_bytes", "built_at", "build_millis", "host", "faceembed_version"),
                List.copyOf(json.keySet()));
        assertEquals(List.of(Map.of("min", 1, "opt", 16, "max", 64)), json.get("batch_profiles"));
        assertEquals("NVIDIA H100 80GB HBM3", json.get("gpu_model"));
        assertEquals(false, json.get("tf32"));
        assertEquals(-1, json.get("optimization_level"));
        assertEquals("9.0", json.get("compute_capability"));
        assertEquals("2026-03-01T12:34:56.789Z", json.get("built_at"));
    }

    /**
     * Sidecars come from a shared bucket and decide which plan is trusted: a second {@code plan_sha256} or text after
     * the document is refused, not resolved silently. Valid JSON in any whitespace is read.
     */
    @Test
    void sidecarsAreReadStrictly() {
        String json = SIDECAR.toJson();
        String duplicated = json.replaceFirst("\"plan_sha256\": \"(ab)+\"",
                "\"plan_sha256\": \"" + "cd".repeat(32) + "\",\n  \"plan_sha256\": \"" + "ab".repeat(32) + "\"");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineSidecar.fromJson(duplicated, "x.json"));
        assertTrue(e.getMessage().contains("duplicate key \"plan_sha256\""), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> EngineSidecar.fromJson(json + "{}", "x.json"));
        assertTrue(e.getMessage().contains("unexpected text after the document"), e.getMessage());

        assertEquals(SIDECAR, EngineSidecar.fromJson(json.replace("\n  ", "\n\t").replace(": ", ":\t"), "tabs"));
    }

    @Test
    void errorsNameTheField() {
        Map<String, Object> json = new LinkedHashMap<>(Json.parseObject(SIDECAR.toJson(), "test"));
        json.remove("plan_sha256");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineSidecar.fromJson(Json.write(json), "x.json"));
        assertEquals("x.json: field 'plan_sha256' must be a string, got nothing", e.getMessage());

        json.put("plan_sha256", "ab".repeat(32));
        json.put("compute_capability", "sm90");
        e = assertThrows(IllegalArgumentException.class, () -> EngineSidecar.fromJson(Json.write(json), "x.json"));
        assertTrue(e.getMessage().contains("compute_capability must look like 9.0"), e.getMessage());

        json.put("compute_capability", "9.0");
        json.put("built_at", "yesterday");
        e = assertThrows(IllegalArgumentException.class, () -> EngineSidecar.fromJson(Json.write(json), "x.json"));
        assertTrue(e.getMessage().startsWith("x.json: "), e.getMessage());
    }

    @Test
    void rejectsOtherFormatVersionsAndNonJson() {
        Map<String, Object> json = new LinkedHashMap<>(Json.parseObject(SIDECAR.toJson(), "test"));
        json.put("format_version", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EngineSidecar.fromJson(Json.write(json), "x.json"));
        assertTrue(e.getMessage().contains("format_version 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EngineSidecar.fromJson("\u0000\u0001 not json", "x"));
        assertThrows(IllegalArgumentException.class, () -> EngineSidecar.fromJson("[1, 2]", "x"));
    }
}

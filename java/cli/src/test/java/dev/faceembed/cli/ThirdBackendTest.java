package dev.faceembed.cli;

import dev.faceembed.example.ReferenceProvider;
import dev.faceembed.files.Json;
import dev.faceembed.trt.GpuEnvironment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.faceembed.cli.EmbedCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A backend added the way a new module would add one (see {@link ReferenceProvider}: a provider on the class path,
 * nothing else) is listed by {@code embed info}, runs with {@code --backend}, reads its own configuration key, and
 * stands in for an unavailable backend when the fallback chain names it.
 */
class ThirdBackendTest {

    @Test
    @SuppressWarnings("unchecked")
    void infoListsItWithItsOwnDescription() {
        EmbedCliTest.Run r = run("info", "--json");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> backends = (Map<String, Object>) Json.parseObject(r.out(), "info").get("backends");
        assertEquals(List.of("onnxruntime", "reference", "tensorrt"), backends.keySet().stream().sorted().toList());
        Map<String, Object> reference = (Map<String, Object>) backends.get("reference");
        assertEquals(true, reference.get("available"));
        assertEquals(1, reference.get("threads"));
        assertEquals(new ReferenceProvider().description(), reference.get("description"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void itRunsWithBackendAndReadsItsOwnKey() {
        EmbedCliTest.Run r = run("benchmark", "--backend", "reference", "--set", "reference.graph_optimization=basic",
                "--batch", "2", "--iterations", "1", "--warmup", "0", "--json", "-");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> json = Json.parseObject(r.out(), "benchmark");
        assertEquals("reference", json.get("backend"));
        Map<String, Object> settings = (Map<String, Object>) json.get("settings");
        assertEquals("BASIC", settings.get("graph_optimization"));
        assertEquals("1", settings.get("intra_op_threads"));

        EmbedCliTest.Run bad = run("benchmark", "--backend", "reference", "--set",
                "reference.graph_optimization=all", "--iterations", "1");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("reference.graph_optimization: expected one of [disable_all, basic]"),
                bad.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void itStandsInWhenTheFallbackChainNamesIt() {
        String why = GpuEnvironment.probe().failure().orElse(null);
        assumeTrue(why != null, "this machine can run TensorRT: nothing falls back");
        EmbedCliTest.Run r = run("benchmark", "--backend", "tensorrt", "--set", "embedding.fallback_backends=reference",
                "--batch", "1", "--iterations", "1", "--warmup", "0", "--json", "-");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> json = Json.parseObject(r.out(), "benchmark");
        assertEquals("reference", json.get("backend"));
        assertEquals(Map.of("requested", "tensorrt", "used", true, "reason", why),
                json.get("fallback"));
    }
}

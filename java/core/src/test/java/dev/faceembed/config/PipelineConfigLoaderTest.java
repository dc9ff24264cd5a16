package dev.faceembed.config;

import dev.faceembed.BackendKind;
import dev.faceembed.model.ChannelOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineConfigLoaderTest {
    private static final Path SHIPPED = Path.of("..", "..", "config", "pipeline", "embedding.yaml");

    @TempDir
    Path dir;

    private Path file(String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static PipelineConfig load(Path file, Map<String, String> env) {
        return new PipelineConfigLoader(env).configFile(file).load();
    }

    private static void assertError(String fragment, Runnable load) {
        ConfigException e = assertThrows(ConfigException.class, load::run);
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void theShippedFilesHoldExactlyTheBuiltInDefaults() {
        PipelineConfig defaults = load(null, Map.of());
        PipelineConfig shipped = load(SHIPPED, Map.of());
        assertEquals(2, shipped.files().size(), "embedding.yaml and the arcface_tensorrt.yaml it names");
        assertEquals(defaults.embeddingOptions(), shipped.embeddingOptions());
        assertEquals(defaults.maxDriftCosine(), shipped.maxDriftCosine());
        assertEquals(defaults.tensorrt(), shipped.tensorrt());
        assertEquals(BackendKind.ONNXRUNTIME, defaults.backend());
        assertEquals(0.001, defaults.maxDriftCosine());
        assertEquals("fp16", defaults.tensorrt().precision());
        assertEquals(32, defaults.tensorrt().maxBatchSize());
        assertEquals(1024, defaults.tensorrt().workspaceSizeMb());
        assertNull(defaults.tensorrt().engineS3Bucket());
        assertTrue(defaults.allowCpuFallback());
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path config = file("c.yaml", "validation:\n  max_drift_cosine: 0.01\ntensorrt:\n  max_batch_size: 64\n");
        PipelineConfig fromFile = load(config, Map.of());
        assertEquals(0.01, fromFile.maxDriftCosine());
        assertTrue(fromFile.origins().get("validation.max_drift_cosine").endsWith("c.yaml:2"));

        Map<String, String> env = Map.of("FACEEMBED_VALIDATION_MAX_DRIFT_COSINE", "0.02");
        assertEquals(0.02, load(config, env).maxDriftCosine());
        assertEquals(64, load(config, env).tensorrt().maxBatchSize(), "untouched keys keep the file's value");

        PipelineConfig flagged = new PipelineConfigLoader(env).configFile(config)
                .flag("validation.max_drift_cosine", "0.03", "--max-drift").load();
        assertEquals(0.03, flagged.maxDriftCosine());
        assertEquals("command-line flag --max-drift", flagged.origins().get("validation.max_drift_cosine"));
    }

    @Test
    void aNearMissKeyNamesFileLineAndTheLikelyKey() throws IOException {
        Path config = file("c.yaml", "embedding:\n  backend: onnxruntime\n  alow_cpu_fallback: false\n");
        assertError("c.yaml:3: unknown key embedding.alow_cpu_fallback; did you mean embedding.allow_cpu_fallback?",
                () -> load(config, Map.of()));
        Path section = file("s.yaml", "tensorrtt:\n  precision: fp16\n");
        assertError("s.yaml:1: unknown key tensorrtt; did you mean", () -> load(section, Map.of()));
        Path far = file("f.yaml", "colour: blue\n");
        assertError("f.yaml:1: unknown key colour; known keys:", () -> load(far, Map.of()));
    }

    @Test
    void wrongTypesAndRangesAreExplained() throws IOException {
        assertError("b.yaml:2: embedding.allow_cpu_fallback: expected true or false, got 'sometimes'",
                () -> load(uncheckedFile("b.yaml", "embedding:\n  allow_cpu_fallback: sometimes\n"), Map.of()));
        assertError("n.yaml:2: tensorrt.max_batch_size = 0 is out of range: expected a whole number in 1..4096",
                () -> load(uncheckedFile("n.yaml", "tensorrt:\n  max_batch_size: 0\n"), Map.of()));
        assertError("p.yaml:2: tensorrt.precision: expected one of [fp16, fp32], got 'int8'",
                () -> load(uncheckedFile("p.yaml", "tensorrt:\n  precision: int8\n"), Map.of()));
        assertError("m.yaml:3: embedding.preprocessing.mean: expected a list of three numbers, got a list of 2",
                () -> load(uncheckedFile("m.yaml", "embedding:\n  preprocessing:\n    mean: [1, 2]\n"), Map.of()));
        assertError("environment variable FACEEMBED_TENSORRT_WORKSPACE_SIZE_MB: tensorrt.workspace_size_mb: expected"
                + " a whole number", () -> load(null, Map.of("FACEEMBED_TENSORRT_WORKSPACE_SIZE_MB", "lots")));
        assertError("tensorrt.opt_batch_size (64) must not exceed tensorrt.max_batch_size (32",
                () -> load(uncheckedFile("o.yaml", "tensorrt:\n  opt_batch_size: 64\n"), Map.of()));
        assertError("not valid YAML", () -> load(uncheckedFile("y.yaml", "embedding: [unclosed\n"), Map.of()));
        assertError("config file not found", () -> load(dir.resolve("absent.yaml"), Map.of()));
    }

    @Test
    void pytorchIsAnAliasOfTheReferenceBackend() throws IOException {
        assertEquals(BackendKind.ONNXRUNTIME,
                load(file("c.yaml", "embedding:\n  backend: pytorch\n"), Map.of()).backend());
    }

    @Test
    void arcfaceTensorRtEnabledSelectsTensorRtUnlessAFlagSaysOtherwise() throws IOException {
        Path config = file("c.yaml", "arcface_tensorrt:\n  enabled: true\n");
        assertEquals(BackendKind.TENSORRT, load(config, Map.of()).backend());
        assertEquals(BackendKind.ONNXRUNTIME, new PipelineConfigLoader(Map.of()).configFile(config)
                .flag("embedding.backend", "onnxruntime", "--backend").load().backend());
    }

    @Test
    void theTensorRtFileAndTheModelAreFoundNextToTheConfig() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(sub.resolve("trt.yaml"), "tensorrt:\n  precision: fp32\n");
        Files.writeString(sub.resolve("m.onnx"), "x");
        Path config = Files.writeString(sub.resolve("main.yaml"), """
                embedding:
                  tensorrt_config: trt.yaml
                  model: m.onnx
                  preprocessing: {channel_order: BGR, mean: [1, 2, 3], std: [4, 5, 6]}
                """);
        PipelineConfig c = load(config, Map.of());
        assertEquals("fp32", c.tensorrt().precision());
        assertEquals(sub.resolve("m.onnx").toAbsolutePath(), c.model());
        assertEquals(ChannelOrder.BGR, c.preprocessing().channelOrder());
        assertEquals(List.of(1.0, 2.0, 3.0), c.preprocessing().mean());
        assertEquals(List.of(sub.resolve("trt.yaml").toAbsolutePath(), config), c.files());

        Path missing = Files.writeString(sub.resolve("bad.yaml"), "embedding:\n  tensorrt_config: nowhere.yaml\n");
        assertError("embedding.tensorrt_config nowhere.yaml not found", () -> load(missing, Map.of()));
    }

    private Path uncheckedFile(String name, String yaml) {
        try {
            return file(name, yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}

package dev.faceembed.config;

import dev.faceembed.Device;
import dev.faceembed.ModelException;
import dev.faceembed.model.ChannelOrder;
import dev.faceembed.model.ModelPrecision;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.model.ModelSource;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import dev.faceembed.onnxruntime.OnnxRuntimeProvider;
import dev.faceembed.spi.BackendRegistry;
import dev.faceembed.testing.TestModels;
import dev.faceembed.testing.ToyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The loader over the onnxruntime backend and a toy backend shaped like a GPU backend (its own file and keys). */
class PipelineConfigLoaderTest {
    private static final ConfigSchema SCHEMA = ConfigSchema.of(BackendRegistry.of(
            List.of(new OnnxRuntimeProvider(), new ToyProvider())));

    @TempDir
    Path dir;

    private Path file(String name, String yaml) {
        try {
            return Files.writeString(dir.resolve(name), yaml);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PipelineConfigLoader loader(Path file, Map<String, String> env) {
        return new PipelineConfigLoader(env, SCHEMA).configFile(file);
    }

    private static PipelineConfig load(Path file, Map<String, String> env) {
        return loader(file, env).load();
    }

    private static void assertError(String fragment, Runnable load) {
        ConfigException e = assertThrows(ConfigException.class, load::run);
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }

    @Test
    void builtInDefaultsAreTheKeysDefaults() {
        PipelineConfig defaults = load(null, Map.of());
        assertEquals("onnxruntime", defaults.backend());
        assertEquals(Device.cuda(0), defaults.device());
        assertTrue(defaults.allowCpuFallback());
        assertEquals(0.001, defaults.maxDriftCosine());
        assertEquals(128, defaults.maxBatchSize());
        assertInstanceOf(ModelSource.Resource.class, defaults.modelSpec().source());
        assertEquals(OnnxRuntimeOptions.defaults(), defaults.section(OnnxRuntimeOptions.SECTION));
        assertEquals(new ToyProvider.Options("fp16", 32, 16), defaults.section(ToyProvider.SECTION));
        assertInstanceOf(ConfigOrigin.Default.class, defaults.origin(PipelineKeys.BACKEND));
        assertEquals(List.of(), defaults.files());
    }

    @Test
    void flagBeatsEnvironmentBeatsFileBeatsDefault() {
        Path config = file("c.yaml", "validation:\n  max_drift_cosine: 0.01\ntoy:\n  max_batch_size: 64\n");
        PipelineConfig fromFile = load(config, Map.of());
        assertEquals(0.01, fromFile.maxDriftCosine());
        assertEquals(new ConfigOrigin.File(config, 2), fromFile.origin(PipelineKeys.MAX_DRIFT_COSINE));

        Map<String, String> env = Map.of("FACEEMBED_VALIDATION_MAX_DRIFT_COSINE", "0.02");
        assertEquals(0.02, load(config, env).maxDriftCosine());
        assertEquals(64, load(config, env).section(ToyProvider.SECTION).maxBatch(), "untouched keys keep the file's");

        PipelineConfig flagged = loader(config, env).flag("validation.max_drift_cosine", "0.03", "--max-drift")
                .load();
        assertEquals(0.03, flagged.maxDriftCosine());
        assertEquals(new ConfigOrigin.Flag("--max-drift"), flagged.origin(PipelineKeys.MAX_DRIFT_COSINE));
        assertEquals("command-line flag --max-drift", flagged.origins().get("validation.max_drift_cosine").toString());
    }

    @Test
    void anEmptyEnvironmentVariableCountsAsUnset() {
        assertEquals(0.001, load(null, Map.of("FACEEMBED_VALIDATION_MAX_DRIFT_COSINE", "")).maxDriftCosine());
    }

    @Test
    void aNearMissKeyNamesFileLineAndTheLikelyKey() {
        Path config = file("c.yaml", "embedding:\n  backend: onnxruntime\n  alow_cpu_fallback: false\n");
        assertError("c.yaml:3: unknown key embedding.alow_cpu_fallback; did you mean embedding.allow_cpu_fallback?",
                () -> load(config, Map.of()));
        Path section = file("s.yaml", "onnxruntim:\n  sessions: 2\n");
        assertError("s.yaml:1: unknown key onnxruntim; did you mean onnxruntime?", () -> load(section, Map.of()));
        Path far = file("f.yaml", "colour: blue\n");
        assertError("f.yaml:1: unknown key colour; known keys:", () -> load(far, Map.of()));
        assertError("--sesions: unknown key onnxruntime.sesions; did you mean onnxruntime.sessions?",
                () -> loader(null, Map.of()).flag("onnxruntime.sesions", "2", "--sesions"));
    }

    @Test
    void aKeySetTwiceInOneFileIsAnErrorNotTheLastOneWinning() {
        Path config = file("d.yaml", "embedding:\n  backend: onnxruntime\n  backend: toy\n");
        assertError("d.yaml:3: duplicate key embedding.backend", () -> load(config, Map.of()));
    }

    @Test
    void wrongTypesAndRangesAreExplained() {
        assertError("b.yaml:2: embedding.allow_cpu_fallback: expected true or false, got 'sometimes'",
                () -> load(file("b.yaml", "embedding:\n  allow_cpu_fallback: sometimes\n"), Map.of()));
        assertError("n.yaml:2: toy.max_batch_size = 0 is out of range: expected a whole number in 1..4096",
                () -> load(file("n.yaml", "toy:\n  max_batch_size: 0\n"), Map.of()));
        assertError("p.yaml:2: toy.precision: expected one of [fp16, fp32], got 'int4'",
                () -> load(file("p.yaml", "toy:\n  precision: int4\n"), Map.of()));
        assertError("m.yaml:3: embedding.preprocessing.mean: expected a list of 3 numbers in -1000000..1000000, got a"
                + " list of 2", () -> load(file("m.yaml", "embedding:\n  preprocessing:\n    mean: [1, 2]\n"), Map.of()));
        assertError("environment variable FACEEMBED_TOY_MAX_BATCH_SIZE: toy.max_batch_size: expected a whole number",
                () -> load(null, Map.of("FACEEMBED_TOY_MAX_BATCH_SIZE", "lots")));
        assertError("toy.opt_batch_size (64) must not exceed toy.max_batch_size (32",
                () -> load(file("o.yaml", "toy:\n  opt_batch_size: 64\n"), Map.of()));
        assertError("embedding.device: expected cpu or cuda:<index>, got 'gpu0'",
                () -> load(file("g.yaml", "embedding:\n  device: gpu0\n"), Map.of()));
        assertError("embedding.preprocessing: mean must be finite and std finite and non-zero",
                () -> load(file("z.yaml", "embedding:\n  model: x.onnx\n  preprocessing:\n    std: [1, 0, 1]\n"),
                        Map.of()));
        assertError("not valid YAML", () -> load(file("y.yaml", "embedding: [unclosed\n"), Map.of()));
        assertError("config file not found", () -> load(dir.resolve("absent.yaml"), Map.of()));
    }

    @Test
    void anUnknownBackendListsTheBackendsThere() {
        assertError("c.yaml:2: embedding.backend: unknown backend 'triton'; the backends here are [onnxruntime, toy]",
                () -> load(file("c.yaml", "embedding:\n  backend: triton\n"), Map.of()));
        assertError("embedding.fallback_backends: unknown backend 'cpu'",
                () -> loader(null, Map.of()).flag("embedding.fallback_backends", "onnxruntime,cpu", "--fallback-to")
                        .load());
    }

    @Test
    void pytorchIsAnAliasOfTheReferenceBackend() {
        assertEquals("onnxruntime", load(file("c.yaml", "embedding:\n  backend: pytorch\n"), Map.of()).backend());
    }

    @Test
    void anEnablingKeyInAFileSelectsItsBackendUnlessTheRunSaysOtherwise() {
        Path config = file("c.yaml", "toy_backend:\n  enabled: true\n");
        assertEquals("toy", load(config, Map.of()).backend());
        assertEquals("onnxruntime", loader(config, Map.of()).flag("embedding.backend", "onnxruntime", "--backend")
                .load().backend());
        assertEquals("onnxruntime", load(config, Map.of("FACEEMBED_EMBEDDING_BACKEND", "onnxruntime")).backend());
    }

    @Test
    void includedFilesAndModelsAreFoundNextToTheConfigAndTheConfigWins() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(sub.resolve("t.yaml"), "toy:\n  precision: fp32\n  max_batch_size: 8\n  opt_batch_size: 8\n");
        Files.copy(((ModelSource.File) TestModels.flatten(dir, "N").source()).path(), sub.resolve("m.onnx"));
        Path config = Files.writeString(sub.resolve("main.yaml"), """
                embedding:
                  toy_config: t.yaml
                  model: m.onnx
                  preprocessing: {channel_order: BGR, mean: [1, 2, 3], std: [4, 5, 6]}
                toy:
                  max_batch_size: 16
                """);
        PipelineConfig c = load(config, Map.of());
        assertEquals(new ToyProvider.Options("fp32", 16, 8), c.section(ToyProvider.SECTION));
        assertEquals(new ModelSource.File(sub.resolve("m.onnx").toAbsolutePath()), c.modelSpec().source());
        assertEquals(64, c.modelSpec().sha256().length(), "the file's sha256, so a file changed before loading is"
                + " refused");
        assertEquals(ChannelOrder.BGR, c.modelSpec().preprocessing().channelOrder());
        assertEquals(List.of(1.0, 2.0, 3.0), c.modelSpec().preprocessing().mean());
        assertEquals(List.of(sub.resolve("t.yaml").toAbsolutePath(), config), c.files());

        Path missing = Files.writeString(sub.resolve("bad.yaml"), "embedding:\n  toy_config: nowhere.yaml\n");
        assertError("embedding.toy_config nowhere.yaml not found", () -> load(missing, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "~", "my model #2.onnx", "*star.onnx", "!bang.onnx", "&amp.onnx", "[x.onnx",
            "%p.onnx", "@at.onnx", "'quoted.onnx", "yes", "0x10", "a: b.onnx"})
    void flagAndEnvironmentTextIsTakenVerbatimNeverAsYaml(String name) {
        PipelineConfig flagged = loader(null, Map.of()).flag("embedding.model", name, "--model").load();
        assertEquals(Path.of(name), flagged.get(PipelineKeys.MODEL));
        PipelineConfig fromEnvironment = load(null, Map.of("FACEEMBED_EMBEDDING_MODEL", name));
        assertEquals(Path.of(name), fromEnvironment.get(PipelineKeys.MODEL));
        ModelException missing = assertThrows(ModelException.class, flagged::modelSpec);
        assertTrue(missing.getMessage().contains("model file not found: " + Path.of(name).toAbsolutePath()),
                missing.getMessage());
    }

    @Test
    void precisionInt8SelectsTheBundledModelsInt8VariantAndRefusesAModelFile() {
        assertEquals(ModelPrecision.FP32, load(null, Map.of()).modelSpec().precision());
        PipelineConfig int8 = loader(null, Map.of()).flag("embedding.precision", "int8", "--precision").load();
        assertEquals(ModelSpec.bundled(ModelPrecision.INT8), int8.modelSpec());
        assertEquals(ModelSpec.bundled(ModelPrecision.INT8), int8.embeddingOptions().model());
        assertError("p.yaml:2) names the file m.onnx, which runs as it is: set embedding.precision to fp32",
                () -> loader(file("p.yaml", "embedding:\n  model: m.onnx\n"), Map.of())
                .flag("embedding.precision", "int8", "--precision").load());
        assertError("p.yaml:2: embedding.precision: expected one of [fp32, int8], got 'fp16'",
                () -> load(file("p.yaml", "embedding:\n  precision: fp16\n"), Map.of()));
    }

    @Test
    void flagValuesOfOtherTypesAreReadByTheirKeysType() {
        PipelineConfig c = loader(null, Map.of())
                .flag("onnxruntime.intra_op_threads", "3", "--intra-op-threads")
                .flag("onnxruntime.flush_denormals", "false", "--no-flush-denormals")
                .flag("embedding.preprocessing.mean", "1, 2,3", "--mean")
                .flag("embedding.preprocessing.std", "2", "--std")
                .flag("embedding.fallback_backends", "[toy, onnxruntime]", "--fallback-to")
                .flag("embedding.device", "cpu", "--device")
                .load();
        assertEquals(3, c.section(OnnxRuntimeOptions.SECTION).intraOpThreads());
        assertEquals(false, c.section(OnnxRuntimeOptions.SECTION).flushDenormals());
        assertEquals(List.of(1.0, 2.0, 3.0), c.get(PipelineKeys.MEAN));
        assertEquals(List.of(2.0, 2.0, 2.0), c.get(PipelineKeys.STD));
        assertEquals(List.of("toy", "onnxruntime"), c.embeddingOptions().fallbackBackends());
        assertEquals(Device.cpu(), c.device());
        assertNull(load(null, Map.of()).get(PipelineKeys.MODEL));
        assertError("--intra-op-threads: onnxruntime.intra_op_threads: expected a whole number in 0..1024 (or null),"
                        + " got '1e3'",
                () -> loader(null, Map.of()).flag("onnxruntime.intra_op_threads", "1e3", "--intra-op-threads").load());
    }

    @Test
    void everyUnknownFaceembedVariableIsWarnedAbout() {
        PipelineConfig config = load(null, Map.of("FACEEMBED_ONNXRUNTIME_SESIONS", "4", "FACEEMBED_SPEED", "max",
                "FACEEMBED_CONFIG", "", "FACEEMBED_ONNXRUNTIME_LIBRARY", "/x.so", "FACEEMBED_AOT", "off", "PATH", "/bin"));
        assertEquals(2, config.warnings().size(), config.warnings().toString());
        assertTrue(config.warnings().contains("environment variable FACEEMBED_ONNXRUNTIME_SESIONS is not a faceembed"
                + " setting and is ignored; did you mean FACEEMBED_ONNXRUNTIME_SESSIONS?"), config.warnings().toString());
        assertTrue(config.warnings().stream().anyMatch(w -> w.startsWith("environment variable FACEEMBED_SPEED is not"
                + " a faceembed setting and is ignored (each key has one")), config.warnings().toString());
    }

    @Test
    void threadsBeyondFourPerProcessorAreRefusedUnlessAllowed() {
        int cores = Runtime.getRuntime().availableProcessors();
        PipelineConfigLoader tooMany = loader(null, Map.of())
                .flag("onnxruntime.sessions", "64", "--sessions")
                .flag("onnxruntime.intra_op_threads", "1024", "--intra-op-threads");
        assertError("onnxruntime.sessions (64) x onnxruntime.intra_op_threads (1024) x onnxruntime.inter_op_threads (1)"
                + " asks for 65536 ONNX Runtime threads, more than 4 x the " + cores + " available processors",
                tooMany::load);
        PipelineConfig forced = tooMany.flag("onnxruntime.allow_oversubscription", "true", "--set").load();
        assertEquals(64, forced.section(OnnxRuntimeOptions.SECTION).sessions());
        assertEquals(4L * cores, load(null, Map.of("FACEEMBED_ONNXRUNTIME_SESSIONS", "4"))
                .section(OnnxRuntimeOptions.SECTION).threads(cores), "4 sessions of one thread per core are fine");
    }
}

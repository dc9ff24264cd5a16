package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.bindings.testing.OnnxModelWriter;
import dev.faceembed.cache.BatchProfile;
import dev.faceembed.cache.BuildInfo;
import dev.faceembed.cache.CachedEngine;
import dev.faceembed.cache.EngineCache;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.cache.EngineTarget;
import dev.faceembed.cache.LookupPolicy;
import dev.faceembed.cache.Precision;
import dev.faceembed.files.Json;
import dev.faceembed.preprocess.SyntheticCrops;
import dev.faceembed.trt.GpuEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.faceembed.cli.EmbedCliTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** info, compare, build, cache, configuration files and every exit code, driven in-process. */
class CommandsTest {
    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        ConfigOptions.environment = System.getenv();
    }

    private static Map<String, Object> json(String text) {
        return Json.parseObject(text, "output");
    }

    @Test
    @SuppressWarnings("unchecked")
    void infoReportsTheNativeLibrariesAndTheConfiguration() throws IOException {
        Path config = Files.writeString(dir.resolve("embedding.yaml"), "embedding:\n  allow_cpu_fallback: false\n");
        EmbedCliTest.Run r = run("info", "--json", "--config", config.toString());
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> info = json(r.out());
        Map<String, Object> backends = (Map<String, Object>) info.get("backends");
        assertTrue(backends.keySet().containsAll(List.of("onnxruntime", "tensorrt")), backends.keySet().toString());
        Map<String, Object> ort = (Map<String, Object>) backends.get("onnxruntime");
        assertEquals("1.23.2", ort.get("version"));
        assertEquals(true, ort.get("available"));
        assertEquals("cpu", ort.get("device"), "the CPU execution provider runs on the CPU whatever embedding.device");
        assertEquals(List.of("pytorch"), ort.get("deprecated_aliases"));
        assertTrue(((List<String>) ort.get("execution_providers")).contains("CPUExecutionProvider"));
        Map<String, Object> library = (Map<String, Object>) ort.get("library");
        assertEquals(List.of("path", "source", "from", "variant"), List.copyOf(library.keySet()),
                "where the library came from is fields, not prose");
        assertTrue(((String) library.get("path")).endsWith("libonnxruntime.so"), library.toString());
        assertEquals("class_path", library.get("source"));
        Map<String, Object> wouldRun = (Map<String, Object>) info.get("would_run");
        assertEquals("onnxruntime", wouldRun.get("backend"));
        assertEquals("cpu", wouldRun.get("device"), "the device of what would run, not embedding.device");
        Map<String, Object> trt = (Map<String, Object>) backends.get("tensorrt");
        assertEquals(GpuEnvironment.probe().failure().isEmpty(), trt.get("available"));
        assertEquals(GpuEnvironment.probe().failure().orElse(null), trt.get("reason"));
        assertEquals("cuda:0", trt.get("device"));
        Map<String, Object> configuration = (Map<String, Object>) info.get("configuration");
        assertEquals(List.of(config.toString()), configuration.get("files"));
        assertEquals(false, configuration.get("allow_cpu_fallback"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void compareOfTheReferenceWithItselfPassesWithZeroDrift() {
        EmbedCliTest.Run r = run("compare", "--reference", "onnxruntime", "--candidate", "onnxruntime",
                "--n-samples", "6", "--batch", "4", "--json", "-");
        assertEquals(0, r.exitCode(), r.err());
        Map<String, Object> result = json(r.out());
        Map<String, Object> validation = (Map<String, Object>) result.get("validation");
        assertEquals(0.0, ((Number) validation.get("drift_vs_reference")).doubleValue());
        assertEquals("passed", validation.get("regression_test"));
        assertEquals(6, ((Number) validation.get("n_samples")).intValue());
    }

    @Test
    void compareExitsWithThreeWhenTheCandidateDrifts() {
        Path model = Path.of("..", "..", "models", "fr_feature_dynbatch.onnx");
        EmbedCliTest.Run r = run("compare", "--candidate", "onnxruntime", "--n-samples", "4",
                "--candidate-model", model.toString(), "--candidate-channel-order", "RGB");
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL") && r.err().contains("exceeds the tolerance"), r.out() + r.err());
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnavailableBackendFallsBackOrExitsWithFour() {
        String why = GpuEnvironment.probe().failure().orElse(null);
        assumeTrue(why != null, "this machine can run TensorRT");
        EmbedCliTest.Run strict = run("benchmark", "--backend", "tensorrt", "--no-fallback", "--batch", "1",
                "--iterations", "1", "--warmup", "0");
        assertEquals(4, strict.exitCode(), strict.err());
        assertTrue(strict.err().contains(why), strict.err());

        EmbedCliTest.Run lenient = run("benchmark", "--backend", "tensorrt", "--batch", "1", "--iterations", "1",
                "--warmup", "0", "--json", "-");
        assertEquals(0, lenient.exitCode(), lenient.err());
        Map<String, Object> fallback = (Map<String, Object>) json(lenient.out())
                .get("fallback");
        assertEquals(Map.of("requested", "tensorrt", "used", true, "reason", why), fallback);
        assertEquals(1, lenient.err().split(java.util.regex.Pattern.quote(why), -1).length - 1,
                "the reason is said once: " + lenient.err());

        EmbedCliTest.Run compare = run("compare", "--n-samples", "2", "--json", "-");
        assertEquals(4, compare.exitCode(), compare.err());
        assertTrue(compare.err().contains(why) && compare.err().contains("Without a GPU, compare two CPU runs"),
                compare.err());
        assertEquals("", compare.out(), "nothing was compared, so there is no result");

        EmbedCliTest.Run build = run("build", "--precision", "fp32");
        assertEquals(4, build.exitCode(), build.err());
        assertTrue(build.err().contains(why), build.err());
    }

    @Test
    void configurationErrorsExitWithTwoAndNameFileLineAndKey() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "embedding:\n  alow_cpu_fallback: false\n");
        EmbedCliTest.Run r = run("benchmark", "--config", config.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("bad.yaml:2: unknown key embedding.alow_cpu_fallback; did you mean"
                + " embedding.allow_cpu_fallback?"), r.err());

        ConfigOptions.environment = Map.of("FACEEMBED_TENSORRT_PRECISION", "int4");
        EmbedCliTest.Run env = run("info");
        assertEquals(2, env.exitCode());
        assertTrue(env.err().contains("FACEEMBED_TENSORRT_PRECISION"), env.err());
    }

    @Test
    void aModelThatFailsInsideTheRuntimeExitsWithOne() {
        Path model = dir.resolve("bad-reshape.onnx");
        try {
            Files.write(model, new OnnxModelWriter()
                    .input("x", OnnxModelWriter.FLOAT, "N", 3L, 112L, 112L)
                    .initializer("target", new long[]{2}, new long[]{-1, 47})
                    .node("Flatten", List.of("x"), List.of("flat"))
                    .node("Reshape", List.of("flat", "target"), List.of("out"))
                    .output("out", OnnxModelWriter.FLOAT, "N", 47L)
                    .build());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        EmbedCliTest.Run r = run("benchmark", "--model", model.toString(), "--batch", "1", "--iterations", "1",
                "--warmup", "0");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("ONNX Runtime failed to run"), r.err());
    }

    @Test
    void encodeWritesCsvAndJsonLines() throws IOException {
        Path npy = dir.resolve("crops.npy");
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, new CropSize(112, 112), 2);
            SyntheticCrops.fill(batch, 3);
            writeUint8Npy(npy, batch.segment().toArray(ValueLayout.JAVA_BYTE));
        }
        assertEquals(0, run("encode", "--input", npy.toString(), "--output", dir.resolve("e.csv").toString())
                .exitCode());
        List<String> csv = Files.readAllLines(dir.resolve("e.csv"));
        assertEquals(2, csv.size());
        assertEquals(512, csv.getFirst().split(",").length);

        assertEquals(0, run("encode", "--input", npy.toString(), "--output", dir.resolve("e.jsonl").toString())
                .exitCode());
        List<String> lines = Files.readAllLines(dir.resolve("e.jsonl"));
        assertEquals(2, lines.size());
        Map<String, Object> second = json(lines.get(1));
        assertEquals(1, second.get("index"));
        assertEquals(512, ((List<?>) second.get("embedding")).size());
    }

    private static void writeUint8Npy(Path file, byte[] data) throws IOException {
        String header = "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 112, 112, 3), }";
        header = header + " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        out.write(header.getBytes(StandardCharsets.ISO_8859_1));
        out.write(data);
        Files.write(file, out.toByteArray());
    }

    @Test
    void cacheListVerifyAndPruneSeeACorruptEntry() throws IOException {
        Path cacheDir = dir.resolve("engines");
        EngineKey key = EngineKey.builder("model", "ab".repeat(32)).precision(Precision.FP16)
                .profile(new BatchProfile(1, 16, 32)).workspaceBytes(1L << 30)
                .target(new EngineTarget(9, 0, "10.16.0", "NVIDIA H100 80GB HBM3")).build();
        CachedEngine engine;
        try (EngineCache cache = EngineCache.builder(cacheDir).build()) {
            engine = cache.getOrBuild(key, (k, plan) -> {
                Files.writeString(plan, "plan bytes");
                return new BuildInfo("13.0");
            }, LookupPolicy.buildIfMissing());
        }
        assertEquals(0, run("cache", "verify", "--engine-cache", cacheDir.toString()).exitCode());
        Files.writeString(engine.plan(), "tampered!!");
        EmbedCliTest.Run verify = run("cache", "verify", "--engine-cache", cacheDir.toString());
        assertEquals(1, verify.exitCode(), verify.out());
        assertTrue(verify.out().contains("plan_corrupt"), verify.out());
        EmbedCliTest.Run prune = run("cache", "prune", "--engine-cache", cacheDir.toString());
        assertEquals(0, prune.exitCode(), prune.err());
        assertTrue(prune.out().contains("removed"), prune.out());
        assertTrue(run("cache", "list", "--engine-cache", cacheDir.toString()).out().contains("(empty)"));
    }
}

package dev.faceembed.cache;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.faceembed.cache.TestEngines.MODEL_SHA256;
import static dev.faceembed.cache.TestEngines.OTHER_MODEL_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineKeyTest {
    @Test
    void fileStemIsTheClassicNameExtendedWithTensorRtAndIdentityHash() {
        // The hash is sha256 over the documented canonical text; pinned so that a change of formula, which would
        // orphan every cached engine, cannot go unnoticed.
        assertEquals("fr_feature_dynbatch-fp16-sm90-trt10.16.0-8d3ae0cd8434", TestEngines.key().fileStem());
        assertEquals(TestEngines.key().fileStem(), TestEngines.key().fileStem());
    }

    @Test
    void everyCompatibilityFieldChangesTheStem() {
        EngineTarget h100 = new EngineTarget(9, 0, "10.16.0", TestEngines.GPU);
        List<EngineKey> variants = List.of(TestEngines.key(),
                EngineKey.builder("fr_feature_dynbatch", OTHER_MODEL_SHA256).profile(new BatchProfile(1, 16, 64))
                        .workspaceBytes(1L << 30).target(h100).build(),
                TestEngines.builder().precision(Precision.FP32).target(h100).build(),
                TestEngines.builder().precision(Precision.FP32).tf32(true).target(h100).build(),
                TestEngines.builder().precision(Precision.INT8).target(h100).build(),
                TestEngines.builder().profile(new BatchProfile(32, 128, 128)).target(h100).build(),
                EngineKey.builder("fr_feature_dynbatch", MODEL_SHA256).profile(new BatchProfile(2, 16, 64))
                        .workspaceBytes(1L << 30).target(h100).build(),
                TestEngines.builder().workspaceBytes(2L << 30).target(h100).build(),
                TestEngines.builder().optimizationLevel(5).target(h100).build(),
                TestEngines.builder().target(new EngineTarget(9, 0, "10.16.0", "NVIDIA H200")).build(),
                TestEngines.builder().target(h100.anyGpuOfThisArchitecture()).build(),
                TestEngines.key(8, 6, "10.16.0"),
                TestEngines.key(9, 0, "10.3.0"));
        Set<String> stems = variants.stream().map(EngineKey::fileStem).collect(Collectors.toSet());
        Set<String> hashes = variants.stream().map(EngineKey::identityHash).collect(Collectors.toSet());
        assertEquals(variants.size(), stems.size(), "stems: " + stems);
        assertEquals(variants.size(), hashes.size(), "hashes: " + hashes);
    }

    @Test
    void twoModelsWithTheSameNameNeverShareAStem() {
        EngineKey a = TestEngines.key();
        EngineKey b = EngineKey.builder(a.modelName(), OTHER_MODEL_SHA256).profiles(a.profiles())
                .workspaceBytes(a.workspaceBytes()).target(a.target()).build();
        assertNotEquals(a.fileStem(), b.fileStem());
        assertTrue(b.differencesFrom(a).getFirst().startsWith("model:"), b.differencesFrom(a).toString());
    }

    @Test
    void modelNameIsSanitisedForFileNamesAndIgnoredForCompatibility() {
        EngineKey odd = EngineKey.builder("../my model/v2:final", MODEL_SHA256).profile(new BatchProfile(1, 16, 64))
                .workspaceBytes(1L << 30).target(TestEngines.key().target()).build();
        assertEquals("_my_model_v2_final", odd.safeModelName());
        assertTrue(odd.fileStem().matches("[A-Za-z0-9_.-]+"), odd.fileStem());
        assertEquals(TestEngines.key().identityHash(), odd.identityHash());
        assertEquals(List.of(), TestEngines.key().differencesFrom(odd));
        assertEquals("model", EngineKey.builder("...", MODEL_SHA256).profile(new BatchProfile(1, 1, 1))
                .target(new EngineTarget(7, 5, "8.6.1", "Tesla T4")).build().safeModelName());
    }

    @Test
    void differencesNameEachMismatchInWords() {
        EngineKey other = TestEngines.builder().precision(Precision.FP32).tf32(true)
                .target(new EngineTarget(8, 6, "10.3.0", "NVIDIA A10")).build();
        assertEquals(List.of(
                "compute capability: engine built for sm86 (8.6), this GPU is sm90 (9.0)",
                "GPU model: engine built for NVIDIA A10, asked for NVIDIA H100 80GB HBM3",
                "TensorRT: engine built with 10.3.0, this runtime is 10.16.0",
                "precision: engine is fp32 with TF32, asked for fp16"), TestEngines.key().differencesFrom(other));
    }

    @Test
    void rejectsInvalidFields() {
        EngineTarget h100 = TestEngines.key().target();
        Stream.<Runnable>of(
                () -> EngineKey.builder(" ", MODEL_SHA256).profile(new BatchProfile(1, 1, 1)).target(h100).build(),
                () -> EngineKey.builder("m", "abc").profile(new BatchProfile(1, 1, 1)).target(h100).build(),
                () -> EngineKey.builder("m", MODEL_SHA256).target(h100).build(),
                () -> new BatchProfile(0, 1, 1),
                () -> new BatchProfile(4, 2, 8),
                () -> EngineKey.builder("m", MODEL_SHA256).profile(new BatchProfile(1, 1, 1)).workspaceBytes(-1)
                        .target(h100).build(),
                () -> EngineKey.builder("m", MODEL_SHA256).profile(new BatchProfile(1, 1, 1)).optimizationLevel(6)
                        .target(h100).build(),
                () -> new EngineTarget(9, 10, "10.16.0", "x"),
                () -> new EngineTarget(9, 0, "10/16", "x"),
                () -> new EngineTarget(9, 0, "10.16.0", "bad\nname"))
                .forEach(invalid -> assertThrows(IllegalArgumentException.class, invalid::run));
        EngineKey.Builder nine = EngineKey.builder("m", MODEL_SHA256).target(h100);
        for (int i = 0; i < 9; i++) {
            nine.profile(new BatchProfile(1, 1, 1));
        }
        assertThrows(IllegalArgumentException.class, nine::build);
    }

    @Test
    void hardwareCompatibleEnginesRunOnEveryGpuOfTheirArchitecture() {
        EngineTarget h100 = new EngineTarget(9, 0, "10.16.0", TestEngines.GPU);
        EngineTarget h200 = new EngineTarget(9, 0, "10.16.0", "NVIDIA H200");
        assertEquals("sm90 NVIDIA H100 80GB HBM3 / TensorRT 10.16.0", h100.toString());
        assertEquals("sm90 (any GPU) / TensorRT 10.16.0", h100.anyGpuOfThisArchitecture().toString());
        assertEquals("9.0", h100.computeCapability());
        assertTrue(h100.runsOn(h100));
        assertFalse(h100.runsOn(h200));
        assertTrue(h100.anyGpuOfThisArchitecture().runsOn(h200));
        assertFalse(h100.anyGpuOfThisArchitecture().runsOn(new EngineTarget(8, 9, "10.16.0", "NVIDIA L4")));
        assertFalse(h100.runsOn(new EngineTarget(9, 0, "10.16.1", TestEngines.GPU)));
    }

    @Test
    void uppercaseModelHashIsNormalised() {
        EngineKey upper = EngineKey.builder("fr_feature_dynbatch", MODEL_SHA256.toUpperCase())
                .profile(new BatchProfile(1, 16, 64)).workspaceBytes(1L << 30).target(TestEngines.key().target())
                .build();
        assertEquals(TestEngines.key(), upper);
    }

    @Test
    void precisionParsesItsId() {
        assertEquals(Precision.FP16, Precision.parse("FP16"));
        assertEquals(Precision.FP32, Precision.parse("fp32"));
        assertEquals(Precision.INT8, Precision.parse("int8"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("int4"));
        assertTrue(e.getMessage().contains("fp32, fp16, int8"), e.getMessage());
    }
}

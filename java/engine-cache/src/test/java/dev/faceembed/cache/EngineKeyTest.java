package dev.faceembed.cache;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.faceembed.cache.TestEngines.MODEL_SHA256;
import static dev.faceembed.cache.TestEngines.OTHER_MODEL_SHA256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineKeyTest {
    @Test
    void fileStemIsTheClassicNameExtendedWithTensorRtAndIdentityHash() {
        // The hash is sha256 over the documented canonical text; pinned so that a change of formula, which would
        // orphan every cached engine, cannot go unnoticed.
        assertEquals("fr_feature_dynbatch-fp16-sm90-trt10.16.0-d2b8734efb10", TestEngines.key().fileStem());
        assertEquals(TestEngines.key().fileStem(), TestEngines.key().fileStem());
    }

    @Test
    void everyCompatibilityFieldChangesTheStem() {
        EngineKey base = TestEngines.key();
        List<EngineKey> variants = List.of(base,
                new EngineKey("fr_feature_dynbatch", OTHER_MODEL_SHA256, Precision.FP16, 1, 16, 64, 1L << 30, 9, 0,
                        "10.16.0"),
                new EngineKey("fr_feature_dynbatch", MODEL_SHA256, Precision.FP32, 1, 16, 64, 1L << 30, 9, 0,
                        "10.16.0"),
                new EngineKey("fr_feature_dynbatch", MODEL_SHA256, Precision.FP16, 2, 16, 64, 1L << 30, 9, 0,
                        "10.16.0"),
                new EngineKey("fr_feature_dynbatch", MODEL_SHA256, Precision.FP16, 1, 8, 64, 1L << 30, 9, 0,
                        "10.16.0"),
                new EngineKey("fr_feature_dynbatch", MODEL_SHA256, Precision.FP16, 1, 16, 128, 1L << 30, 9, 0,
                        "10.16.0"),
                new EngineKey("fr_feature_dynbatch", MODEL_SHA256, Precision.FP16, 1, 16, 64, 2L << 30, 9, 0,
                        "10.16.0"),
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
        EngineKey b = new EngineKey(a.modelName(), OTHER_MODEL_SHA256, a.precision(), a.minBatch(), a.optBatch(),
                a.maxBatch(), a.workspaceBytes(), a.computeMajor(), a.computeMinor(), a.tensorRtVersion());
        assertNotEquals(a.fileStem(), b.fileStem());
        assertTrue(b.differencesFrom(a).getFirst().startsWith("model:"), b.differencesFrom(a).toString());
    }

    @Test
    void modelNameIsSanitisedForFileNamesAndIgnoredForCompatibility() {
        EngineKey odd = new EngineKey("../my model/v2:final", MODEL_SHA256, Precision.FP16, 1, 16, 64, 1L << 30, 9,
                0, "10.16.0");
        assertEquals("_my_model_v2_final", odd.safeModelName());
        assertTrue(odd.fileStem().matches("[A-Za-z0-9_.-]+"), odd.fileStem());
        assertEquals(TestEngines.key().identityHash(), odd.identityHash());
        assertEquals(List.of(), TestEngines.key().differencesFrom(odd));
        assertEquals("model", new EngineKey("...", MODEL_SHA256, Precision.FP16, 1, 1, 1, 0, 7, 5, "8.6.1")
                .safeModelName());
    }

    @Test
    void differencesNameEachMismatchInWords() {
        List<String> differences = TestEngines.key().differencesFrom(TestEngines.key(8, 6, "10.3.0"));
        assertEquals(List.of(
                "compute capability: engine built for sm86 (8.6), this GPU is sm90 (9.0)",
                "TensorRT: engine built with 10.3.0, this runtime is 10.16.0"), differences);
    }

    @Test
    void rejectsInvalidFields() {
        Stream.<Runnable>of(
                () -> new EngineKey(" ", MODEL_SHA256, Precision.FP16, 1, 1, 1, 0, 9, 0, "10.16.0"),
                () -> new EngineKey("m", "abc", Precision.FP16, 1, 1, 1, 0, 9, 0, "10.16.0"),
                () -> new EngineKey("m", MODEL_SHA256, Precision.FP16, 0, 1, 1, 0, 9, 0, "10.16.0"),
                () -> new EngineKey("m", MODEL_SHA256, Precision.FP16, 4, 2, 8, 0, 9, 0, "10.16.0"),
                () -> new EngineKey("m", MODEL_SHA256, Precision.FP16, 1, 1, 1, -1, 9, 0, "10.16.0"),
                () -> new EngineKey("m", MODEL_SHA256, Precision.FP16, 1, 1, 1, 0, 9, 10, "10.16.0"),
                () -> new EngineKey("m", MODEL_SHA256, Precision.FP16, 1, 1, 1, 0, 9, 0, "10/16"))
                .forEach(invalid -> assertThrows(IllegalArgumentException.class, invalid::run));
    }

    @Test
    void keyForATargetCarriesItsGpuAndTensorRt() {
        EngineTarget h100 = new EngineTarget(9, 0, "10.16.0");
        assertEquals(TestEngines.key(), EngineKey.of("fr_feature_dynbatch", MODEL_SHA256, Precision.FP16, 1, 16, 64,
                1L << 30, h100));
        assertEquals("sm90 / TensorRT 10.16.0", h100.toString());
        assertEquals("9.0", h100.computeCapability());
    }

    @Test
    void uppercaseModelHashIsNormalised() {
        EngineKey upper = new EngineKey("fr_feature_dynbatch", MODEL_SHA256.toUpperCase(), Precision.FP16, 1, 16, 64,
                1L << 30, 9, 0, "10.16.0");
        assertEquals(TestEngines.key(), upper);
    }

    @Test
    void precisionParsesItsId() {
        assertEquals(Precision.FP16, Precision.parse("FP16"));
        assertEquals(Precision.FP32, Precision.parse("fp32"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("int8"));
        assertTrue(e.getMessage().contains("fp32, fp16"), e.getMessage());
    }
}

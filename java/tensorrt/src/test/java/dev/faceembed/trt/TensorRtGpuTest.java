package dev.faceembed.trt;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import dev.faceembed.preprocess.SyntheticCrops;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tensorrt backend end to end on a GPU with TensorRT: engine built into a fresh cache, pinned batches, uint8 and
 * float input, embeddings against the onnxruntime reference. Skipped, with the reason printed, where the machine
 * lacks any of it.
 */
class TensorRtGpuTest {
    @TempDir
    Path cache;

    /** Skips the calling test, printing why, unless this machine has a GPU, its driver and TensorRT. */
    static void needsAGpuAndTensorRt(String test) {
        GpuEnvironment env = GpuEnvironment.probe();
        env.failure().ifPresent(why -> System.out.println("SKIPPED " + test + ": " + why));
        assumeTrue(env.failure().isEmpty(), () -> "needs a GPU and TensorRT: " + env.failure().orElse(""));
    }

    @ParameterizedTest(name = "{0}, {1} crops, minimum cosine {2}")
    @CsvSource({"fp32, 40, 0.9999", "fp16, 40, 0.999"})
    void embeddingsMatchTheReference(String precision, int count, double minCosine) {
        needsAGpuAndTensorRt("TensorRtGpuTest " + precision);
        TensorRtOptions trt = TensorRtOptions.defaults().withPrecision(precision).withEngineCacheDir(cache);
        EmbeddingOptions options = EmbeddingOptions.defaults().withBackend("tensorrt")
                .withSection(TensorRtOptions.SECTION, trt).withAllowCpuFallback(false);
        try (EmbeddingBackend gpu = EmbeddingBackends.create(options);
             EmbeddingBackend cpu = EmbeddingBackends.create(EmbeddingOptions.defaults());
             Arena arena = Arena.ofConfined()) {
            assertEquals("tensorrt", gpu.diagnostics().backend().name());
            FaceBatch crops = gpu.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, count);
            SyntheticCrops.fill(crops, 5);
            Embeddings actual = gpu.encode(crops);
            Embeddings expected = cpu.encode(crops);
            for (int row = 0; row < count; row++) {
                double cosine = Embeddings.cosine(actual.row(row), expected.row(row));
                assertTrue(cosine >= minCosine, precision + " row " + row + ": cosine " + cosine);
            }
        }
    }
}

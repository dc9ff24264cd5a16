package dev.faceembed.trt;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.preprocess.CropConverter;
import dev.faceembed.preprocess.SyntheticCrops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The tensorrt backend end to end on a GPU with TensorRT: engine built into a fresh cache, pinned batches and
 * outputs, uint8 and float input, CUDA graphs on and off, embeddings against the onnxruntime reference. Skipped, with
 * the reason printed, where the machine lacks any of it.
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

    private EmbeddingOptions tensorRt(String precision, boolean cudaGraphs) {
        TensorRtOptions d = TensorRtOptions.defaults().withPrecision(precision).withEngineCacheDir(cache);
        TensorRtOptions trt = new TensorRtOptions(d.engine(), new TensorRtOptions.Runners(2, 2, cudaGraphs, false,
                null), d.storage(), d.pluginLibraries());
        return EmbeddingOptions.defaults().withBackend("tensorrt").withSection(TensorRtOptions.SECTION, trt)
                .withAllowCpuFallback(false);
    }

    @ParameterizedTest(name = "{0}, {1} crops, minimum cosine {2}")
    @CsvSource({"fp32, 40, 0.9999", "fp16, 40, 0.999"})
    void embeddingsMatchTheReference(String precision, int count, double minCosine) {
        needsAGpuAndTensorRt("TensorRtGpuTest " + precision);
        try (EmbeddingBackend gpu = EmbeddingBackends.create(tensorRt(precision, true));
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

    /** A call of several chunks, replayed from graphs or launched plainly, into pinned or pageable output. */
    @Test
    void graphsAndPlainLaunchesAgreeOnEveryChunk() {
        needsAGpuAndTensorRt("TensorRtGpuTest graphs");
        int count = 100;
        try (EmbeddingBackend graphs = EmbeddingBackends.create(tensorRt("fp32", true));
             EmbeddingBackend plain = EmbeddingBackends.create(tensorRt("fp32", false));
             Arena arena = Arena.ofConfined()) {
            FaceBatch crops = graphs.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, count);
            SyntheticCrops.fill(crops, 8);
            MemorySegment pinned = graphs.allocateOutput(arena, count);
            graphs.encodeInto(crops, pinned);
            Embeddings pageable = plain.encode(crops);
            int dim = graphs.embeddingDim();
            for (int row = 0; row < count; row++) {
                float[] a = pinned.asSlice((long) row * dim * Float.BYTES, (long) dim * Float.BYTES)
                        .toArray(ValueLayout.JAVA_FLOAT);
                double cosine = Embeddings.cosine(a, pageable.row(row));
                assertTrue(cosine >= 0.9999, "row " + row + ": cosine " + cosine);
            }
        }
    }

    @Test
    void nonFiniteFloatInputIsFoundOnTheGpu() {
        needsAGpuAndTensorRt("TensorRtGpuTest NaN");
        try (EmbeddingBackend gpu = EmbeddingBackends.create(tensorRt("fp32", true));
             Arena arena = Arena.ofConfined()) {
            FaceBatch uint8 = gpu.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 3);
            SyntheticCrops.fill(uint8, 2);
            FaceBatch floats = gpu.allocateBatch(arena, CropLayout.FLOAT32_NCHW, 3);
            new CropConverter(EmbeddingOptions.defaults().model().preprocessing(), gpu.cropSize())
                    .convert(uint8.segment(), 0, 3, floats.segment());
            floats.crop(2).set(ValueLayout.JAVA_FLOAT, 40, Float.NaN);
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> gpu.encode(floats));
            assertTrue(e.getMessage().contains("crop 2"), e.getMessage());
        }
    }
}

package dev.faceembed.trt;

import dev.faceembed.BackendKind;
import dev.faceembed.BackendUnavailableException;
import dev.faceembed.CropLayout;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.preprocess.SyntheticCrops;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Backend selection where the tensorrt backend cannot run (any machine without a GPU, a driver or TensorRT): the
 * fallback names the failing step, and without fallback the same text comes as a typed exception.
 */
class BackendSelectionTest {
    private static final EmbeddingOptions TENSORRT = EmbeddingOptions.defaults().withBackend(BackendKind.TENSORRT);

    private static String whyTensorRtCannotRun() {
        GpuEnvironment env = GpuEnvironment.probe();
        assumeTrue(env.failure().isPresent(), "this machine can run TensorRT: the fallback is not exercised here");
        return env.failure().get();
    }

    @Test
    void theProbeNamesTheFirstMissingStepAndItsFix() {
        String why = whyTensorRtCannotRun();
        assertTrue(why.contains("shim") || why.contains("driver") || why.contains("GPU") || why.contains("TensorRT"),
                why);
        assertTrue(why.contains(":"), "says what to do: " + why);
    }

    @Test
    void withFallbackTheCpuBackendRunsAndSaysWhy() {
        String why = whyTensorRtCannotRun();
        try (EmbeddingBackend backend = EmbeddingBackends.create(TENSORRT.withAllowCpuFallback(true));
             Arena arena = Arena.ofConfined()) {
            Diagnostics d = backend.diagnostics();
            assertEquals("onnxruntime", d.backend());
            assertEquals("tensorrt", d.requestedBackend());
            assertEquals("tensorrt: " + why, d.fallbackReason());
            FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 2);
            SyntheticCrops.fill(crops, 1);
            assertEquals(2, backend.encode(crops).count());
        }
    }

    @Test
    void withoutFallbackTheSameReasonIsThrown() {
        String why = whyTensorRtCannotRun();
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> EmbeddingBackends.create(TENSORRT.withAllowCpuFallback(false)));
        assertEquals("tensorrt: " + why, e.getMessage());
    }

    @Test
    void aCpuDeviceIsNotAGpu() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> EmbeddingBackends.create(TENSORRT.withAllowCpuFallback(false).withDevice("cpu")));
        assertTrue(e.getMessage().contains("embedding.device is 'cpu'") && e.getMessage().contains("cuda:0"),
                e.getMessage());
    }
}

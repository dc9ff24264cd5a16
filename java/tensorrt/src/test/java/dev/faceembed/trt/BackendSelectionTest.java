package dev.faceembed.trt;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.CropLayout;
import dev.faceembed.Device;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.preprocess.SyntheticCrops;
import dev.faceembed.spi.BackendProbe;
import dev.faceembed.spi.BackendRegistry;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Backend selection where the tensorrt backend cannot run (any machine without a GPU, a driver or TensorRT): the
 * probe names the failing step, the fallback says exactly that once, and without fallback the same text comes as a
 * typed exception.
 */
class BackendSelectionTest {
    private static final EmbeddingOptions TENSORRT = EmbeddingOptions.defaults().withBackend("tensorrt");

    /** The first sentences of every reason GpuEnvironment can give, one per step it checks. */
    private static final List<String> STEPS = List.of("the faceembed TensorRT shim is not available: ",
            "the shim at ", "fe_device_count: ", "CUDA could not list the devices: ",
            "the shim was built without the TensorRT headers", "TensorRT 10 could not be loaded: ");

    private static String whyTensorRtCannotRun() {
        GpuEnvironment env = GpuEnvironment.probe();
        assumeTrue(env.failure().isPresent(), "this machine can run TensorRT: the fallback is not exercised here");
        return env.failure().get();
    }

    @Test
    void theTensorRtBackendIsFoundThroughTheSeam() {
        assertTrue(BackendRegistry.standard().find("tensorrt").orElseThrow() instanceof TensorRtProvider);
        assertEquals(List.of("onnxruntime", "tensorrt"), BackendRegistry.standard().ids().stream().sorted().toList());
    }

    @Test
    void theProbeNamesTheFirstMissingStep() {
        String why = whyTensorRtCannotRun();
        assertTrue(STEPS.stream().anyMatch(why::startsWith), "an unknown step: " + why);
        BackendProbe probe = new TensorRtProvider().probe(TENSORRT.request());
        assertFalse(probe.available());
        assertEquals(why, probe.message());
        assertEquals(Device.cuda(0), probe.device());
    }

    @Test
    void withFallbackTheCpuBackendRunsAndSaysWhyOnce() {
        String why = whyTensorRtCannotRun();
        try (EmbeddingBackend backend = EmbeddingBackends.create(TENSORRT.withAllowCpuFallback(true));
             Arena arena = Arena.ofConfined()) {
            Diagnostics d = backend.diagnostics();
            assertEquals("onnxruntime", d.backend().name());
            assertEquals(Device.cpu(), d.backend().device());
            assertEquals(new Diagnostics.Fallback("tensorrt", why), d.fallback().orElseThrow());
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
                () -> EmbeddingBackends.create(TENSORRT.withAllowCpuFallback(false).withDevice(Device.cpu())));
        assertEquals("tensorrt: embedding.device is 'cpu'; the tensorrt backend runs on a GPU: set it to cuda:<index>"
                + " (e.g. cuda:0)", e.getMessage());
        BackendProbe probe = new TensorRtProvider().probe(TENSORRT.withDevice(Device.cpu()).request());
        assertFalse(probe.available());
        assertTrue(probe.reason().startsWith("embedding.device is 'cpu'"), probe.reason());
    }

    @Test
    void buildAndTheBackendFailTheSameWayOnTheSameInput() {
        EngineRequest request = EngineRequest.forBackend(TENSORRT.model(), Device.cpu(), TensorRtOptions.defaults());
        BackendUnavailableException build = assertThrows(BackendUnavailableException.class,
                () -> new EngineResolver().resolve(request));
        BackendUnavailableException open = assertThrows(BackendUnavailableException.class,
                () -> EmbeddingBackends.create(TENSORRT.withAllowCpuFallback(false).withDevice(Device.cpu())));
        assertEquals(open.getMessage(), build.getMessage());
    }
}

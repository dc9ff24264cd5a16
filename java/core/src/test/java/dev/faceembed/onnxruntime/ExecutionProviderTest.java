package dev.faceembed.onnxruntime;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.CropLayout;
import dev.faceembed.Device;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.preprocess.SyntheticCrops;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.Arena;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** GPU execution providers asked of a CPU build of ONNX Runtime: fallback with the reason, or the typed error. */
class ExecutionProviderTest {

    @ParameterizedTest
    @EnumSource(value = ExecutionProvider.class, names = {"CUDA", "TENSORRT"})
    void aMissingProviderFallsBackToTheCpuOrFailsWithTheReason(ExecutionProvider provider) {
        assumeTrue(ExecutionProviders.unavailability(provider).isPresent(),
                "the loaded ONNX Runtime has " + provider.ortName());
        EmbeddingOptions options = EmbeddingOptions.defaults()
                .withSection(OnnxRuntimeOptions.SECTION, OnnxRuntimeOptions.defaults().withProvider(provider));

        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> EmbeddingBackends.create(options.withAllowCpuFallback(false)));
        assertTrue(e.getMessage().contains("has no " + provider.ortName())
                && e.getMessage().contains("execution_provider"), e.getMessage());

        try (EmbeddingBackend backend = EmbeddingBackends.create(options.withAllowCpuFallback(true));
             Arena arena = Arena.ofConfined()) {
            Diagnostics d = backend.diagnostics();
            assertEquals(Device.cpu(), d.backend().device());
            assertEquals("onnxruntime", d.fallback().orElseThrow().requested());
            assertEquals(e.getMessage(), "onnxruntime: " + d.fallback().orElseThrow().reason(),
                    "the fallback's reason is the failure's, without the backend it already names");
            FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 1);
            SyntheticCrops.fill(crops, 2);
            assertEquals(1, backend.encode(crops).count());
        }
    }
}

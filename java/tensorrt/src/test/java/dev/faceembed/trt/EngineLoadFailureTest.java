package dev.faceembed.trt;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.CropLayout;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.bindings.trt.FeStatus;
import dev.faceembed.onnxruntime.OnnxRuntimeProvider;
import dev.faceembed.preprocess.SyntheticCrops;
import dev.faceembed.spi.BackendProbe;
import dev.faceembed.spi.BackendProvider;
import dev.faceembed.spi.BackendRegistry;
import dev.faceembed.spi.BackendRequest;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What opening the tensorrt backend does when TensorRT refuses the engine or the GPU cannot hold it: rebuild once,
 * then fall back with both reasons; never a raw shim error. The shim is played by {@link FakeRuntime}.
 */
class EngineLoadFailureTest {
    private final FakeRuntime runtime = new FakeRuntime();
    private final FakeSupplier supplier = new FakeSupplier();
    private static final EngineRequest REQUEST = EngineRequest.forBackend(
            EmbeddingOptions.defaults().model(), dev.faceembed.Device.cuda(0), TensorRtOptions.defaults());

    @Test
    void anEngineTensorRtRefusesIsEvictedRebuiltAndLoaded() {
        runtime.loads.add(FeStatus.TENSORRT);
        EngineLoader.Loaded loaded = new EngineLoader(supplier, runtime).load(REQUEST);
        assertEquals(Path.of("rebuilt.plan"), loaded.resolved().engine().plan());
        assertEquals(List.of(Path.of("rebuilt.plan")), runtime.loaded);
        assertEquals(1, supplier.rebuildReasons.size());
        assertTrue(supplier.rebuildReasons.getFirst().contains("scripted TENSORRT for cached.plan"),
                supplier.rebuildReasons.toString());
    }

    @Test
    void aSecondRefusalIsUnavailableWithBothReasons() {
        runtime.loads.add(FeStatus.TENSORRT);
        runtime.loads.add(FeStatus.TENSORRT);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> new EngineLoader(supplier, runtime).load(REQUEST));
        assertTrue(e.getMessage().startsWith("tensorrt: TensorRT refused engine cached.plan"), e.getMessage());
        assertTrue(e.getMessage().contains("scripted TENSORRT for cached.plan")
                && e.getMessage().contains("scripted TENSORRT for rebuilt.plan"), e.getMessage());
        assertEquals(1, supplier.rebuildReasons.size(), "rebuilt once, not in a loop");
    }

    @Test
    void aGpuThatCannotHoldTheEngineIsNotARebuild() {
        runtime.loads.add(FeStatus.OUT_OF_MEMORY);
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> new EngineLoader(supplier, runtime).load(REQUEST));
        assertTrue(e.getMessage().startsWith("tensorrt: loading engine cached.plan onto cuda:0 NVIDIA H200"),
                e.getMessage());
        assertTrue(e.getMessage().contains("free GPU memory"), e.getMessage());
        assertEquals(List.of(), supplier.rebuildReasons);
    }

    @Test
    void afterTwoRefusalsTheFallbackRunsAndSaysWhy() {
        runtime.loads.add(FeStatus.TENSORRT);
        runtime.loads.add(FeStatus.TENSORRT);
        BackendRegistry registry = BackendRegistry.of(List.of(new OnnxRuntimeProvider(), new ScriptedTensorRt()));
        try (EmbeddingBackend backend = EmbeddingBackends.create(EmbeddingOptions.defaults().withBackend("tensorrt"),
                registry); Arena arena = Arena.ofConfined()) {
            Diagnostics.Fallback fallback = backend.diagnostics().fallback().orElseThrow();
            assertEquals("onnxruntime", backend.diagnostics().backend().name());
            assertEquals("tensorrt", fallback.requested());
            assertTrue(fallback.reason().contains("rebuilt.plan"), fallback.reason());
            FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 1);
            SyntheticCrops.fill(crops, 3);
            assertEquals(1, backend.encode(crops).count());
        }
    }

    /** The tensorrt provider with the scripted shim and engines of this test. */
    private final class ScriptedTensorRt implements BackendProvider {
        @Override
        public String id() {
            return "tensorrt";
        }

        @Override
        public String description() {
            return "the tensorrt backend over a scripted shim";
        }

        @Override
        public BackendProbe probe(BackendRequest request) {
            return BackendProbe.available(request.device());
        }

        @Override
        public EmbeddingBackend open(BackendRequest request) {
            return TensorRtProvider.open(request, supplier, runtime);
        }
    }
}

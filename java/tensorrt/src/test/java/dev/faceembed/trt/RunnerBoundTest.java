package dev.faceembed.trt;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropLayout;
import dev.faceembed.Device;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.files.Json;
import dev.faceembed.spi.BackendRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The JVM side of the tensorrt backend over {@link FakeRuntime}: the runner bound, closing, errors, profiles. */
class RunnerBoundTest {
    @TempDir
    Path dir;

    private final FakeRuntime runtime = new FakeRuntime();

    private TensorRtBackend open(TensorRtOptions options) {
        BackendRequest request = EmbeddingOptions.defaults().withDevice(Device.cuda(0))
                .withSection(TensorRtOptions.SECTION, options).request();
        return TensorRtProvider.open(request, new FakeSupplier(), runtime);
    }

    private static TensorRtOptions runners(int count, Path layerProfile) {
        TensorRtOptions d = TensorRtOptions.defaults();
        return new TensorRtOptions(d.engine(), new TensorRtOptions.Runners(count, 2, true, false, layerProfile),
                d.storage(), d.pluginLibraries());
    }

    @Test
    void moreCallersThanRunnersWaitTheirTurn() throws Exception {
        int callers = 8;
        try (TensorRtBackend backend = open(runners(2, null)); Arena arena = Arena.ofShared()) {
            assertEquals(1, runtime.runnersMade.get(), "the first runner is made (and warmed up) at open");
            runtime.holdRuns = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int t = 0; t < callers; t++) {
                    FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 3);
                    MemorySegment out = backend.allocateOutput(arena, 3);
                    calls.add(pool.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            backend.encodeInto(crops, out);
                        }
                        return null;
                    }));
                }
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
                while (runtime.running.get() < 2 && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                Thread.sleep(200);
                assertEquals(2, runtime.running.get(), "two calls run, six wait");
                runtime.holdRuns.countDown();
                for (Future<?> call : calls) {
                    call.get(1, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(2, runtime.mostRunningAtOnce.get(), "at most tensorrt.runners calls at once");
            assertEquals(2, runtime.runnersMade.get(), "runners are kept, not made per call");
            assertTrue(runtime.pinnedDevices.stream().allMatch(d -> d == 0), "pinned memory on the engine's GPU");
        }
    }

    @Test
    void closeLetsCallsInsideFinishAndRefusesTheRest() throws Exception {
        TensorRtBackend backend = open(runners(1, null));
        runtime.holdRuns = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (Arena arena = Arena.ofShared()) {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 1);
                MemorySegment out = backend.allocateOutput(arena, 1);
                calls.add(pool.submit(() -> {
                    backend.encodeInto(crops, out);
                    return null;
                }));
            }
            while (runtime.running.get() == 0) {
                Thread.onSpinWait();
            }
            Future<?> closing = pool.submit(backend::close);
            runtime.holdRuns.countDown();
            closing.get(1, TimeUnit.MINUTES);
            for (Future<?> call : calls) {
                try {
                    call.get(1, TimeUnit.MINUTES);
                } catch (ExecutionException e) {
                    assertInstanceOf(BackendClosedException.class, e.getCause());
                }
            }
            FaceBatch late = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, backend.cropSize(), 1);
            assertThrows(BackendClosedException.class, () -> backend.encodeInto(late, arena.allocate(64)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nonFiniteInputReportedByTheGpuIsAnInputError() {
        try (TensorRtBackend backend = open(runners(1, null)); Arena arena = Arena.ofConfined()) {
            runtime.runFailure = dev.faceembed.bindings.trt.FeStatus.INVALID_ARGUMENT;
            FaceBatch crops = backend.allocateBatch(arena, CropLayout.FLOAT32_NCHW, 1);
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> backend.encodeInto(crops, backend.allocateOutput(arena, 1)));
            assertTrue(e.getMessage().contains("contains NaN or infinity"), e.getMessage());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theLayerProfileOfEveryRunnerIsWrittenWhenTheBackendCloses() throws Exception {
        Path profile = dir.resolve("layers.json");
        try (EmbeddingBackend backend = open(runners(1, profile)); Arena arena = Arena.ofConfined()) {
            FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 2);
            backend.encodeInto(crops, backend.allocateOutput(arena, 2));
            backend.encodeInto(crops, backend.allocateOutput(arena, 2));
        }
        Map<String, Object> written = Json.parseObject(Files.readString(profile), "profile");
        List<Map<String, Object>> perRunner = (List<Map<String, Object>>) written.get("runners");
        assertEquals(1, perRunner.size());
        assertEquals(2, perRunner.getFirst().get("runs"));
    }

    @Test
    void theSectionReadsTheRunnerSettings() {
        ConfigSection<TensorRtOptions> section = TensorRtOptions.SECTION;
        TensorRtOptions defaults = section.defaults();
        assertEquals(new TensorRtOptions.Runners(2, 2, true, false, null), defaults.runners());
        assertEquals(32, defaults.engine().optBatchSize(), "tuned for the chunks calls run in");
        assertEquals(List.of(new dev.faceembed.cache.BatchProfile(1, 32, 32)), defaults.engine().profilesFrom(1));
    }
}

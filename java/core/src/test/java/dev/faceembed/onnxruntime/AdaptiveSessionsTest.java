package dev.faceembed.onnxruntime;

import dev.faceembed.CropLayout;
import dev.faceembed.Device;
import dev.faceembed.FaceBatch;
import dev.faceembed.config.PipelineConfigLoader;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.preprocess.SyntheticCrops;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The default layout adapts to the callers: one session of every processor for a caller alone, more sessions only
 * once callers come at the same time, all closed with the backend. Fixed settings keep the sessions they name.
 */
class AdaptiveSessionsTest {
    private static final int CALLERS = 4;

    @Test
    void byDefaultTheLayoutAdaptsUnlessThreadsOrSessionsAreSet() {
        int cores = Runtime.getRuntime().availableProcessors();
        OnnxRuntimeOptions defaults = OnnxRuntimeOptions.defaults();
        assertTrue(defaults.adaptToCallers());
        assertEquals(cores, defaults.intraOpThreads(), "a caller alone runs on every processor");
        assertEquals(1, defaults.sessions());
        OnnxRuntimeOptions threads = load("onnxruntime.intra_op_threads", "1");
        assertFalse(threads.adaptToCallers());
        assertEquals(1, threads.sessions());
        OnnxRuntimeOptions sessions = load("onnxruntime.sessions", "2");
        assertFalse(sessions.adaptToCallers());
        assertEquals(cores, sessions.intraOpThreads());
        assertFalse(defaults.withSessions(1).adaptToCallers(), "a wither that names a count fixes the layout");
        assertFalse(defaults.withIntraOpThreads(cores).adaptToCallers());
        assertTrue(defaults.withFlushDenormals(false).adaptToCallers());
    }

    @Test
    void concurrentCallersShareOutTheThreadsOfACallerAlone() {
        OnnxRuntimeOptions adaptive = new OnnxRuntimeOptions(8, 1, GraphOptimization.ALL, false, true, 1,
                ExecutionProvider.CPU, true);
        assertEquals(8, adaptive.intraOpThreadsFor(1));
        assertEquals(4, adaptive.intraOpThreadsFor(2));
        assertEquals(2, adaptive.intraOpThreadsFor(3), "rounded down: never more threads than a caller alone");
        assertEquals(1, adaptive.intraOpThreadsFor(8));
        assertEquals(1, adaptive.intraOpThreadsFor(64), "at least one each");
        OnnxRuntimeOptions fixed = adaptive.withIntraOpThreads(8);
        assertEquals(8, fixed.intraOpThreadsFor(4), "fixed settings ignore the callers");
        assertThrows(IllegalArgumentException.class, () -> adaptive.intraOpThreadsFor(0));
        assertThrows(IllegalArgumentException.class, () -> new OnnxRuntimeOptions(0, 1, GraphOptimization.ALL, false,
                true, 1, ExecutionProvider.CPU, true), "ONNX Runtime's own choice leaves nothing to share out");
        assertThrows(IllegalArgumentException.class, () -> new OnnxRuntimeOptions(8, 1, GraphOptimization.ALL, false,
                true, 2, ExecutionProvider.CPU, true));
    }

    @Test
    void aCallerAloneUsesOneSessionAndConcurrentCallersOpenMore() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one processor leaves nothing to share out");
        int before = OnnxRuntimeSession.live();
        try (OnnxRuntimeBackend backend = backend(OnnxRuntimeOptions.defaults())) {
            backend.ensureReady();
            assertEquals(before + 1, OnnxRuntimeSession.live());
            callFrom(1, backend);
            assertEquals(before + 1, OnnxRuntimeSession.live(), "one caller at a time needs no other session");
            callFrom(CALLERS, backend);
            assertTrue(OnnxRuntimeSession.live() > before + 1, "concurrent callers run on sessions of fewer threads");
        }
        assertEquals(before, OnnxRuntimeSession.live(), "every session is closed with the backend");
    }

    @Test
    void fixedSettingsKeepTheSessionsTheyName() throws Exception {
        int before = OnnxRuntimeSession.live();
        try (OnnxRuntimeBackend backend = backend(OnnxRuntimeOptions.defaults().withSessions(2))) {
            callFrom(CALLERS, backend);
            assertEquals(before + 2, OnnxRuntimeSession.live());
        }
        assertEquals(before, OnnxRuntimeSession.live());
    }

    private static OnnxRuntimeOptions load(String key, String value) {
        return new PipelineConfigLoader(Map.of()).flag(key, value, "--test").load().section(OnnxRuntimeOptions.SECTION);
    }

    private static OnnxRuntimeBackend backend(OnnxRuntimeOptions options) {
        return new OnnxRuntimeBackend(ModelSpec.bundledDefault(), options, Device.cpu(), 32);
    }

    /** {@code threads} callers released together, each making a few calls of 16 crops. */
    private static void callFrom(int threads, OnnxRuntimeBackend backend) throws Exception {
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Arena arena = Arena.ofShared()) {
            List<Future<?>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 16);
                SyntheticCrops.fill(crops, t);
                MemorySegment out = arena.allocate(16L * backend.embeddingDim() * Float.BYTES);
                calls.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 3; i++) {
                        backend.encodeInto(crops, out);
                    }
                    return null;
                }));
            }
            for (Future<?> call : calls) {
                call.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

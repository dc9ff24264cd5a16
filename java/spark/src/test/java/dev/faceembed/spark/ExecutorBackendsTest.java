package dev.faceembed.spark;

import dev.faceembed.BackendClosedException;
import dev.faceembed.BackendUnavailableException;
import dev.faceembed.CropLayout;
import dev.faceembed.FaceBatch;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ExecutorBackendsTest {

    @Test
    void concurrentTasksWithEqualConfigurationsShareOneBackend() throws Exception {
        int tasks = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        try {
            List<Future<ExecutorBackend>> acquired = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                // Equal but distinct values, as each task deserialises its own copy.
                ConfigSource source = new ConfigSource(null, Map.of("onnxruntime.intra_op_threads", "1"));
                acquired.add(pool.submit(() -> {
                    start.await();
                    return ExecutorBackends.acquire(source);
                }));
            }
            start.countDown();
            ExecutorBackend first = acquired.getFirst().get();
            for (Future<ExecutorBackend> backend : acquired) {
                assertSame(first, backend.get());
            }
            assertEquals("onnxruntime", first.name());
            assertNotSame(first.backend(), ExecutorBackends.acquire(ConfigSource.defaults()).backend());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeAllClosesTheBackendsAndTheNextTaskOpensANewOne() {
        ConfigSource source = ConfigSource.defaults().withOverride("embedding.max_batch_size", "16");
        ExecutorBackend before = ExecutorBackends.acquire(source);

        ExecutorBackends.closeAll();

        try (Arena arena = Arena.ofConfined()) {
            FaceBatch crops = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, TestCrops.SIZE, 1);
            assertThrows(BackendClosedException.class, () -> before.backend().encode(crops));
            ExecutorBackend after = ExecutorBackends.acquire(source);
            assertNotSame(before, after);
            assertEquals(1, after.backend().encode(crops).count());
        }
    }

    @Test
    void aBackendThatFailsToOpenIsTriedAgainByTheNextTask() {
        ConfigSource source = ConfigSource.defaults().withBackend("tensorrt").withAllowCpuFallback(false);
        BackendUnavailableException first = null;
        try {
            ExecutorBackends.acquire(source);
        } catch (BackendUnavailableException e) {
            first = e;
        }
        assumeTrue(first != null, "the tensorrt backend runs here");
        BackendUnavailableException again = assertThrows(BackendUnavailableException.class,
                () -> ExecutorBackends.acquire(source));
        assertNotSame(first, again);
    }
}

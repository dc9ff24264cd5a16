package dev.faceembed.onnxruntime;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropLayout;
import dev.faceembed.Device;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.Embeddings;
import dev.faceembed.FaceBatch;
import dev.faceembed.bindings.fenv.Fenv;
import dev.faceembed.preprocess.SyntheticCrops;
import dev.faceembed.testing.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** One backend, many threads: same results as one thread, and close() during use fails callers, never the JVM. */
class ConcurrencyTest {
    @TempDir
    Path dir;

    /**
     * A first call that has entered the backend and is loading the model while close() runs: close waits for it and
     * frees what it loaded. 1,000 races, then not one ONNX Runtime session may be left open.
     */
    @Test
    void closeRacingTheFirstCallLeavesNoSessionBehind() throws Exception {
        var model = TestModels.flatten(dir, "N");
        int before = OnnxRuntimeSession.live();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 1000; round++) {
                OnnxRuntimeBackend backend = new OnnxRuntimeBackend(model, OnnxRuntimeOptions.defaults()
                        .withIntraOpThreads(1), Device.cpu(), 8);
                CountDownLatch go = new CountDownLatch(1);
                Future<?> first = pool.submit(() -> {
                    go.await();
                    try {
                        backend.ensureReady();
                    } catch (BackendClosedException e) {
                        // close() won the race: nothing was loaded
                    }
                    return null;
                });
                Future<?> closer = pool.submit(() -> {
                    go.await();
                    backend.close();
                    return null;
                });
                go.countDown();
                first.get(1, TimeUnit.MINUTES);
                closer.get(1, TimeUnit.MINUTES);
                assertEquals(before, OnnxRuntimeSession.live(), "sessions left open after round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsGetTheSameEmbeddingsAsOne() throws Exception {
        int threads = 6;
        int perThread = 4;
        try (Arena arena = Arena.ofShared(); EmbeddingBackend backend = EmbeddingBackends.create()) {
            FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, threads * perThread);
            SyntheticCrops.fill(crops, 7);
            float[][] expected = backend.encode(crops).toArray();

            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<float[][]>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int first = t * perThread;
                    results.add(pool.submit(() -> {
                        FaceBatch mine = FaceBatch.wrap(crops.segment().asSlice(first * crops.cropBytes(),
                                perThread * crops.cropBytes()), crops.layout(), crops.size(), perThread);
                        float[][] rows = null;
                        for (int repeat = 0; repeat < 3; repeat++) {
                            rows = backend.encode(mine).toArray();
                        }
                        return rows;
                    }));
                }
                for (int t = 0; t < threads; t++) {
                    float[][] rows = results.get(t).get(2, TimeUnit.MINUTES);
                    for (int i = 0; i < perThread; i++) {
                        assertArrayEquals(expected[t * perThread + i], rows[i], 1e-6f, "thread " + t + " row " + i);
                    }
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void closeWhileAnotherThreadIsInsideEncodeFailsThatCallCleanly() throws Exception {
        try (Arena arena = Arena.ofShared()) {
            EmbeddingBackend backend = EmbeddingBackends.create();
            FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 64);
            SyntheticCrops.fill(crops, 11);
            MemorySegment out = arena.allocate(64L * backend.embeddingDim() * Float.BYTES);
            backend.encodeInto(crops, out);

            int threads = 3;
            CountDownLatch started = new CountDownLatch(threads);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> loops = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                loops.add(pool.submit(() -> {
                    MemorySegment own = arena.allocate(out.byteSize());
                    started.countDown();
                    while (true) {
                        backend.encodeInto(crops, own);
                    }
                }));
            }
            started.await();
            Thread.sleep(50);
            backend.close();
            for (Future<?> loop : loops) {
                Throwable failure = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> loop.get(1, TimeUnit.MINUTES)).getCause();
                assertInstanceOf(BackendClosedException.class, failure);
            }
            pool.shutdown();
            assertThrows(BackendClosedException.class, () -> backend.encodeInto(crops, out));
        }
    }

    @Test
    void theCallingThreadGetsItsFloatingPointEnvironmentBack() {
        assumeTrue(Fenv.isSupported(), "FTZ/DAZ control needs glibc on x86-64");
        try (Arena arena = Arena.ofConfined(); EmbeddingBackend backend = EmbeddingBackends.create()) {
            FaceBatch crops = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 1);
            SyntheticCrops.fill(crops, 3);
            Embeddings e = backend.encode(crops);
            assertEquals(backend.embeddingDim(), e.dim());
            MemorySegment env = arena.allocate(Fenv.FENV_T_SIZE, 16);
            assertEquals(0, Fenv.fegetenv(env));
            assertEquals(0, env.get(ValueLayout.JAVA_INT, Fenv.MXCSR_OFFSET) & Fenv.MXCSR_FTZ_DAZ,
                    "FTZ/DAZ are switched off again after the run");
            assertTrue(Float.MIN_VALUE > 0);
        }
    }
}

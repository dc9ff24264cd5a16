package dev.faceembed.batching;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingException;
import dev.faceembed.FaceBatch;
import dev.faceembed.spi.ForwardingBackend;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import dev.faceembed.preprocess.SyntheticCrops;
import dev.faceembed.testing.TestModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The batcher in front of a real backend (the 4x4 stand-in model, whose embeddings are known exactly). */
class BatchingEmbedderTest {
    @TempDir
    Path dir;

    private Arena arena;
    private EmbeddingBackend backend;
    private FaceBatch crops;

    @BeforeEach
    void setUp() {
        arena = Arena.ofShared();
        backend = TestModels.backend(TestModels.flatten(dir, "N"), OnnxRuntimeOptions.defaults(), 64);
        crops = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, new CropSize(4, 4), 200);
        SyntheticCrops.fill(crops, 3);
    }

    @AfterEach
    void tearDown() {
        backend.close();
        arena.close();
    }

    private float[][] direct(int count) {
        return backend.encode(FaceBatch.wrap(crops.segment(), crops.layout(), crops.size(), count)).toArray();
    }

    /**
     * shutdownNow while producers are blocked on a full queue: every producer returns and every future completes,
     * normally or with BackendClosedException. 1,000 races with 8 producers, a queue of 2 and batches of 2.
     */
    @Test
    void shutdownNowStrandsNoProducerAndNoFuture() throws Exception {
        ExecutorService producers = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 1000; round++) {
                BatchingEmbedder batcher = BatchingEmbedder.builder(backend).maxBatch(2).queueCapacity(2)
                        .maxDelay(Duration.ofMillis(1)).onFull(BatchingEmbedder.OnFull.BLOCK).build();
                List<Future<List<CompletableFuture<float[]>>>> submitted = new ArrayList<>();
                for (int p = 0; p < 8; p++) {
                    submitted.add(producers.submit(() -> {
                        List<CompletableFuture<float[]>> futures = new ArrayList<>();
                        for (int i = 0; i < 4; i++) {
                            try {
                                futures.add(batcher.submit(crops.crop(i)));
                            } catch (BackendClosedException e) {
                                return futures;
                            }
                        }
                        return futures;
                    }));
                }
                batcher.shutdownNow();
                for (Future<List<CompletableFuture<float[]>>> producer : submitted) {
                    for (CompletableFuture<float[]> future : producer.get(30, TimeUnit.SECONDS)) {
                        try {
                            future.get(30, TimeUnit.SECONDS);
                        } catch (ExecutionException e) {
                            assertInstanceOf(BackendClosedException.class, e.getCause(), "round " + round);
                        }
                    }
                }
            }
        } finally {
            producers.shutdownNow();
        }
    }

    @Test
    void manyProducersGetTheirOwnEmbeddingsFromCoalescedBatches() throws Exception {
        float[][] expected = direct(200);
        try (BatchingEmbedder batcher = BatchingEmbedder.builder(backend).maxBatch(16)
                .maxDelay(Duration.ofMillis(20)).build()) {
            ExecutorService producers = Executors.newFixedThreadPool(16);
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int index = i;
                results.add(producers.submit(() -> batcher.submit(crops.crop(index)).get(1, TimeUnit.MINUTES)));
            }
            for (int i = 0; i < 200; i++) {
                assertArrayEquals(expected[i], results.get(i).get(), 1e-6f, "crop " + i);
            }
            producers.shutdown();
            assertEquals(200, batcher.cropsEmbedded());
            assertTrue(batcher.batchesRun() < 200, "crops were coalesced: " + batcher.batchesRun() + " batches");
        }
    }

    @Test
    void aLoneCropRunsWhenTheDelayExpires() throws Exception {
        try (BatchingEmbedder batcher = BatchingEmbedder.builder(backend).maxBatch(64)
                .maxDelay(Duration.ofMillis(5)).build()) {
            float[] row = batcher.submit(crops.crop(7)).get(30, TimeUnit.SECONDS);
            assertArrayEquals(direct(8)[7], row, 1e-6f);
            assertEquals(1, batcher.batchesRun());
        }
    }

    @Test
    void closeFinishesEveryQueuedCropAndThenRefusesNewOnes() throws Exception {
        List<CompletableFuture<float[]>> results;
        BatchingEmbedder batcher = BatchingEmbedder.builder(backend).maxBatch(8).maxDelay(Duration.ofMillis(50))
                .build();
        results = batcher.submitAll(FaceBatch.wrap(crops.segment(), crops.layout(), crops.size(), 50));
        batcher.close();
        float[][] expected = direct(50);
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(expected[i], results.get(i).getNow(null), 1e-6f, "crop " + i);
        }
        assertThrows(BackendClosedException.class, () -> batcher.submit(crops.crop(0)));
    }

    @Test
    void aFullQueueBlocksOrRejects() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        EmbeddingBackend slow = new SlowBackend(backend, release);
        try (BatchingEmbedder rejecting = BatchingEmbedder.builder(slow).maxBatch(1).maxDelay(Duration.ZERO)
                .queueCapacity(2).onFull(BatchingEmbedder.OnFull.REJECT).build()) {
            CompletableFuture<float[]> running = rejecting.submit(crops.crop(0));
            waitUntil(() -> ((SlowBackend) slow).entered.getCount() == 0);
            rejecting.submit(crops.crop(1));
            rejecting.submit(crops.crop(2));
            assertThrows(RejectedExecutionException.class, () -> rejecting.submit(crops.crop(3)));
            release.countDown();
            assertEquals(48, running.get(30, TimeUnit.SECONDS).length);
        }

        CountDownLatch hold = new CountDownLatch(1);
        SlowBackend slow2 = new SlowBackend(backend, hold);
        try (BatchingEmbedder blocking = BatchingEmbedder.builder(slow2).maxBatch(1).maxDelay(Duration.ZERO)
                .queueCapacity(1).build()) {
            blocking.submit(crops.crop(0));
            waitUntil(() -> slow2.entered.getCount() == 0);
            blocking.submit(crops.crop(1));
            CompletableFuture<Boolean> third = CompletableFuture.supplyAsync(() -> {
                blocking.submit(crops.crop(2));
                return true;
            });
            Thread.sleep(100);
            assertTrue(!third.isDone(), "the producer waits for room");
            hold.countDown();
            assertTrue(third.get(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFailingBatchFailsOnlyItsOwnFutures() throws Exception {
        EmbeddingBackend poisoned = new PoisonedBackend(backend);
        try (BatchingEmbedder batcher = BatchingEmbedder.builder(poisoned).maxBatch(4)
                .maxDelay(Duration.ofMillis(200)).build()) {
            MemorySegment poison = arena.allocate(crops.cropBytes());
            poison.fill((byte) 0xFF);
            List<CompletableFuture<float[]>> first = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                first.add(batcher.submit(crops.crop(i)));
            }
            first.add(batcher.submit(poison));
            for (CompletableFuture<float[]> f : first) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(30, TimeUnit.SECONDS));
                assertInstanceOf(EmbeddingException.class, e.getCause());
            }
            float[] after = batcher.submit(crops.crop(5)).get(30, TimeUnit.SECONDS);
            assertArrayEquals(direct(6)[5], after, 1e-6f);
        }
    }

    @Test
    void shutdownNowFailsWhatIsStillQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SlowBackend slow = new SlowBackend(backend, release);
        BatchingEmbedder batcher = BatchingEmbedder.builder(slow).maxBatch(1).maxDelay(Duration.ZERO).build();
        CompletableFuture<float[]> running = batcher.submit(crops.crop(0));
        waitUntil(() -> slow.entered.getCount() == 0);
        CompletableFuture<float[]> queued = batcher.submit(crops.crop(1));
        Thread stopper = Thread.ofPlatform().start(batcher::shutdownNow);
        waitUntil(queued::isDone);
        release.countDown();
        stopper.join();
        assertInstanceOf(BackendClosedException.class,
                assertThrows(ExecutionException.class, queued::get).getCause());
        assertEquals(48, running.get().length);
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }

    /** A real backend whose encodeInto waits for a latch, to hold a worker busy; closing it leaves the real one open. */
    private static final class SlowBackend extends ForwardingBackend {
        final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release;

        SlowBackend(EmbeddingBackend delegate, CountDownLatch release) {
            super(delegate);
            this.release = release;
        }

        @Override
        public void encodeInto(FaceBatch batch, MemorySegment out) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.encodeInto(batch, out);
        }

        @Override
        public void close() {
        }
    }

    /** A real backend that fails any batch holding a crop whose first byte is 0xFF. */
    private static final class PoisonedBackend extends ForwardingBackend {
        PoisonedBackend(EmbeddingBackend delegate) {
            super(delegate);
        }

        @Override
        public void encodeInto(FaceBatch batch, MemorySegment out) {
            for (int i = 0; i < batch.count(); i++) {
                if (batch.crop(i).get(ValueLayout.JAVA_BYTE, 0) == (byte) 0xFF) {
                    throw new EmbeddingException("poisoned crop " + i);
                }
            }
            super.encodeInto(batch, out);
        }

        @Override
        public void close() {
        }
    }
}

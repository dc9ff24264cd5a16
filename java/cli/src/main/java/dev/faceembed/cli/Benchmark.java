package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.FaceBatch;
import dev.faceembed.internal.MemoryBudget;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.preprocess.CropConverter;
import dev.faceembed.preprocess.SyntheticCrops;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times {@code encodeInto} on seeded synthetic crops: each caller thread has its own batch and output, runs the
 * warm-up calls, waits for the others, then runs the timed calls. Throughput counts every face of every timed call
 * over the wall time of the timed phase.
 */
final class Benchmark {
    record Result(long faces, double seconds, Distribution latency) {
        double facesPerSecond() {
            return faces / seconds;
        }
    }

    private final EmbeddingBackend backend;
    private final Preprocessing preprocessing;
    private final CropLayout layout;
    private final int batch;

    Benchmark(EmbeddingBackend backend, Preprocessing preprocessing, CropLayout layout, int batch) {
        this.backend = backend;
        this.preprocessing = preprocessing;
        this.layout = layout;
        this.batch = batch;
    }

    Result run(int threads, int warmup, int iterations, ProgressBar progress) throws InterruptedException {
        CropSize size = backend.cropSize();
        long floatBytes = CropLayout.FLOAT32_NCHW.cropBytes(size.height(), size.width());
        MemoryBudget.require("--batch " + batch + " x --threads " + threads, (long) threads * batch,
                CropArray.uint8Bytes(size) + floatBytes + (long) backend.embeddingDim() * Float.BYTES);
        MemoryBudget.require("--iterations " + iterations + " x --threads " + threads + " latencies",
                (long) threads * iterations, Long.BYTES);
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        long[][] latencies = new long[threads][iterations];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (Arena arena = Arena.ofShared()) {
            List<Future<?>> callers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                FaceBatch crops = crops(arena, t);
                MemorySegment out = arena.allocate((long) batch * backend.embeddingDim() * Float.BYTES, 64);
                long[] mine = latencies[t];
                callers.add(pool.submit(() -> {
                    try {
                        for (int i = 0; i < warmup; i++) {
                            backend.encodeInto(crops, out);
                        }
                    } catch (RuntimeException e) {
                        start.reset();
                        throw e;
                    }
                    start.await();
                    for (int i = 0; i < iterations; i++) {
                        long t0 = System.nanoTime();
                        backend.encodeInto(crops, out);
                        mine[i] = System.nanoTime() - t0;
                        synchronized (progress) {
                            progress.advance(batch);
                        }
                    }
                    return null;
                }));
            }
            try {
                start.await();
            } catch (BrokenBarrierException e) {
                callers.forEach(Benchmark::get);
                throw new IllegalStateException("a benchmark thread stopped during warm-up", e);
            }
            long t0 = System.nanoTime();
            callers.forEach(Benchmark::get);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long[] all = new long[threads * iterations];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(latencies[t], 0, all, t * iterations, iterations);
            }
            return new Result((long) threads * iterations * batch, seconds, Distribution.ofNanosAsMillis(all));
        } finally {
            pool.shutdownNow();
        }
    }

    private FaceBatch crops(Arena arena, int seed) {
        FaceBatch uint8 = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, batch);
        SyntheticCrops.fill(uint8, seed);
        if (layout == CropLayout.UINT8_HWC_RGB) {
            return uint8;
        }
        FaceBatch floats = backend.allocateBatch(arena, CropLayout.FLOAT32_NCHW, batch);
        new CropConverter(preprocessing, backend.cropSize()).convert(uint8.segment(), 0, batch, floats.segment());
        return floats;
    }

    /** Waits for a caller and rethrows its failure as it was. */
    private static void get(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}

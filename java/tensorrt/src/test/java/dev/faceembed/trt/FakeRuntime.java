package dev.faceembed.trt;

import dev.faceembed.CropSize;
import dev.faceembed.bindings.trt.FeException;
import dev.faceembed.bindings.trt.FeStatus;
import dev.faceembed.cache.BatchProfile;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JVM side's view of the shim, played in Java where no GPU is: loads succeed or fail as scripted, runners write
 * a known unit vector per crop and count how many run at once. Used to test what the tensorrt backend does around
 * the shim (fallback, eviction and rebuild, the runner bound), never what the GPU computes.
 */
final class FakeRuntime implements EngineRuntime {
    static final EngineShape SHAPE = new EngineShape(new CropSize(4, 4), 8, 16,
            List.of(new BatchProfile(1, 16, 16)), 1 << 20);

    /** What each load does, in order: {@code null} loads, a status fails with it. Empty: load. */
    final Deque<FeStatus> loads = new ArrayDeque<>();
    final List<Path> loaded = new ArrayList<>();
    final List<Integer> pinnedDevices = new ArrayList<>();
    final AtomicInteger runnersMade = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostRunningAtOnce = new AtomicInteger();
    /** When set, a run waits for it: a way to keep calls inside the backend. */
    volatile CountDownLatch holdRuns;
    /** When set, runs fail with it. */
    volatile FeStatus runFailure;

    @Override
    public synchronized LoadedEngine load(Path plan, int device) {
        FeStatus outcome = loads.isEmpty() ? null : loads.poll();
        if (outcome != null) {
            throw new FeException(outcome, outcome.value(), "fe_engine_load", "scripted " + outcome + " for " + plan);
        }
        loaded.add(plan);
        return new Engine();
    }

    @Override
    public long freeMemoryMb(int device) {
        return 100_000;
    }

    @Override
    public synchronized MemorySegment allocatePinned(int device, long bytes, Arena owner) {
        pinnedDevices.add(device);
        return owner.allocate(bytes, 64);
    }

    private final class Engine implements LoadedEngine {
        @Override
        public EngineShape shape() {
            return SHAPE;
        }

        @Override
        public Runner newRunner(RunnerSettings settings) {
            runnersMade.incrementAndGet();
            return new FakeRunner();
        }

        @Override
        public void close() {
        }
    }

    private final class FakeRunner implements Runner {
        private int runs;

        @Override
        public void run(MemorySegment input, int layout, int count, int height, int width, MemorySegment output) {
            int now = running.incrementAndGet();
            mostRunningAtOnce.accumulateAndGet(now, Math::max);
            try {
                CountDownLatch hold = holdRuns;
                if (hold != null && !hold.await(1, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("a held run was never released");
                }
                if (runFailure != null) {
                    throw new FeException(runFailure, runFailure.value(), "fe_runner_run", "input crop 0 of "
                            + count + " contains NaN or infinity");
                }
                for (int row = 0; row < count; row++) {
                    output.setAtIndex(ValueLayout.JAVA_FLOAT, (long) row * SHAPE.embeddingDim(), 1f);
                }
                runs++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }

        @Override
        public String describe() {
            return "fake runner";
        }

        @Override
        public String layerProfileJson() {
            return "{\"runs\": " + runs + ", \"layers\": [{\"name\": \"conv1\", \"total_ms\": 1.5}]}";
        }

        @Override
        public void close() {
        }
    }
}

package dev.faceembed.bench;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.FaceBatch;
import dev.faceembed.batching.BatchingEmbedder;
import dev.faceembed.preprocess.SyntheticCrops;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sixteen pipeline threads, each holding one face at a time: every thread calling the backend with its single crop
 * ({@code direct}) against the same threads submitting to a {@link BatchingEmbedder} that coalesces up to 32 crops
 * or 2 ms ({@code batched}). Throughput mode gives faces per second; sample-time mode gives the latency each face
 * sees, with percentiles.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(16)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class BatchingBenchmark {
    @Param({"direct", "batched"})
    String mode;

    /** Batcher threads: with two, one batch is assembled while another runs. */
    @Param({"1", "2"})
    int workers;

    EmbeddingBackend backend;
    BatchingEmbedder batcher;
    private final AtomicLong seeds = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        backend = EmbeddingBackends.create();
        backend.ensureReady();
        if (mode.equals("batched")) {
            batcher = BatchingEmbedder.builder(backend).maxBatch(32).maxDelay(Duration.ofMillis(2)).workers(workers)
                    .build();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (batcher != null) {
            batcher.close();
        }
        backend.close();
    }

    /** One crop and its output per producer thread. */
    @State(Scope.Thread)
    public static class Face {
        Arena arena;
        FaceBatch crop;
        MemorySegment out;

        @Setup(Level.Trial)
        public void setUp(BatchingBenchmark shared) {
            arena = Arena.ofShared();
            crop = shared.backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 1);
            SyntheticCrops.fill(crop, shared.seeds.incrementAndGet());
            out = arena.allocate((long) shared.backend.embeddingDim() * Float.BYTES);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            arena.close();
        }
    }

    @Benchmark
    public float embedOneFace(Face face) {
        if (batcher == null) {
            backend.encodeInto(face.crop, face.out);
            return face.out.get(ValueLayout.JAVA_FLOAT, 0);
        }
        return batcher.submit(face.crop.segment()).join()[0];
    }
}

package dev.faceembed.bench;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.model.ModelPrecision;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.preprocess.CropConverter;
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
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

/**
 * The allocation-free hot path: {@code encodeInto} on uint8 and float32 crops, the output in caller memory, with the
 * bundled model and with a pooling model that costs almost nothing (so thousands of calls per second show any
 * per-call allocation), the bundled model in fp32 or int8. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} is
 * the Java heap allocated per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class EncodeIntoBenchmark {
    @Param({"1", "32"})
    int batch;

    @Param({"uint8", "float32"})
    String input;

    @Param({"bundled", "pooling"})
    String model;

    /** Precision of the bundled model; the pooling model is fp32 whatever this says. */
    @Param({"fp32", "int8"})
    String precision;

    private Arena arena;
    private EmbeddingBackend backend;
    private FaceBatch crops;
    private MemorySegment out;

    @Setup(Level.Trial)
    public void setUp() {
        arena = Arena.ofShared();
        EmbeddingOptions options = EmbeddingOptions.defaults().withModel(model.equals("bundled")
                ? ModelSpec.bundled(ModelPrecision.parse(precision)) : TrivialModels.pooling());
        backend = EmbeddingBackends.create(options);
        backend.ensureReady();
        FaceBatch uint8 = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, batch);
        SyntheticCrops.fill(uint8, 42);
        if (input.equals("uint8")) {
            crops = uint8;
        } else {
            crops = backend.allocateBatch(arena, CropLayout.FLOAT32_NCHW, batch);
            new CropConverter(options.model().preprocessing(), backend.cropSize())
                    .convert(uint8.segment(), 0, batch, crops.segment());
        }
        out = arena.allocate((long) batch * backend.embeddingDim() * Float.BYTES, 64);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        backend.close();
        arena.close();
    }

    /** Returns a value of the output so the call cannot be treated as dead code. */
    @Benchmark
    public float encodeInto() {
        backend.encodeInto(crops, out);
        return out.get(ValueLayout.JAVA_FLOAT, 0);
    }
}

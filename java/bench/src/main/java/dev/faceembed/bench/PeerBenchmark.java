package dev.faceembed.bench;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.model.ModelLoader;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our binding against ONNX Runtime's own Java API on the same ONNX Runtime version (1.23.2), model, inputs and
 * session settings (intra-op threads = cores, inter-op 1, sequential, all optimisations, denormals flushed). Each
 * implementation runs in its own fork, so only one libonnxruntime is ever loaded. Scores are calls per second; faces
 * per second is the score times {@code batch}. Run with {@code -t 1} and {@code -t 2} (bench/run.sh does).
 *
 * <ul>
 *   <li>{@code model=bundled}: the default model, where inference dominates;</li>
 *   <li>{@code model=flatten}: one Flatten node on [N,3,1,1], where the binding's per-call cost is all there is;</li>
 *   <li>{@code settings=defaults}: out of the box, each side with its own defaults.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PeerBenchmark {
    @Param({"bundled"})
    String model;

    @Param({"1", "8", "32", "128"})
    int batch;

    @Param({"faceembed-float32", "faceembed-uint8", "ortjava-direct", "ortjava-array"})
    String impl;

    /**
     * {@code tuned}: both sides with the same settings (ours by default); {@code defaults}: each side as users get
     * it out of the box (ONNX Runtime's Java API with a plain {@code new SessionOptions()}).
     */
    @Param({"tuned"})
    String settings;

    Implementation implementation;
    Preprocessing preprocessing;
    CropSize size;
    int dim;
    private final AtomicLong seeds = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        // Fixed to one session of every processor, the layout the peer runs, rather than adapting to the callers.
        OnnxRuntimeOptions settings = OnnxRuntimeOptions.defaults().withSessions(1);
        if (!this.settings.equals("tuned") && !this.settings.equals("defaults")) {
            throw new IllegalArgumentException("settings must be tuned or defaults, not " + this.settings);
        }
        ModelSpec spec;
        Path file;
        if (model.equals("bundled")) {
            spec = ModelSpec.bundledDefault();
            file = Files.createTempFile("faceembed-bundled", ".onnx");
            file.toFile().deleteOnExit();
            Files.write(file, ModelLoader.load(spec).bytes());
        } else {
            file = TrivialModels.flatten();
            spec = ModelSpec.file(file, ModelSpec.bundledDefault().preprocessing());
        }
        preprocessing = spec.preprocessing();
        size = model.equals("bundled") ? preprocessing.cropSize() : new CropSize(1, 1);
        implementation = switch (impl) {
            case "faceembed-float32", "faceembed-uint8" -> {
                FaceembedImplementation ours = new FaceembedImplementation(
                        EmbeddingOptions.defaults().withModel(spec).withSection(OnnxRuntimeOptions.SECTION, settings),
                        impl.endsWith("uint8") ? CropLayout.UINT8_HWC_RGB : CropLayout.FLOAT32_NCHW);
                dim = ours.dim();
                yield ours;
            }
            case "ortjava-direct", "ortjava-array" -> {
                OrtJavaImplementation peer = new OrtJavaImplementation(file,
                        this.settings.equals("defaults") ? null : settings, impl.endsWith("direct"));
                dim = peer.dim();
                yield peer;
            }
            default -> throw new IllegalArgumentException(impl);
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        implementation.close();
    }

    /** Each benchmark thread has its own crops and output. */
    @State(Scope.Thread)
    public static class ThreadCrops {
        Crops crops;

        @Setup(Level.Trial)
        public void setUp(PeerBenchmark shared) {
            crops = new Crops(shared.batch, shared.size, shared.preprocessing, shared.dim,
                    shared.seeds.incrementAndGet());
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            crops.close();
        }
    }

    @Benchmark
    public float embed(ThreadCrops thread) {
        return implementation.embed(thread.crops);
    }

}

package dev.faceembed.bench;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.detect.DetectionOptions;
import dev.faceembed.detect.FaceDetector;
import dev.faceembed.detect.FacePipeline;
import dev.faceembed.detect.PhotoDecoder;
import dev.faceembed.detect.PhotoFaces;
import dev.faceembed.model.ModelLoader;
import dev.faceembed.model.ModelSource;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import dev.faceembed.onnxruntime.OnnxRuntimeProvider;
import dev.faceembed.preprocess.ImageCrops;
import dev.faceembed.spi.BackendRegistry;
import dev.faceembed.spi.ModelRunner;
import dev.faceembed.spi.TensorRun;
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

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Photos to embeddings on the CPU: 640x480 photos with one face (the public-domain Grace Hopper portrait of core's
 * tests, 410x480 on a grey 640x480 canvas), {@code imagesPerCall} photos per {@code FacePipeline.processAll} call,
 * from as many caller threads as {@code -t} says, one pipeline shared by them. The stages alone give each one's
 * share: {@code detect} (fr_detect and fr_landmark with everything around them), the two models' bare runs, and
 * {@code embed} (one aligned crop). Images/s = ops/s x imagesPerCall for the photo stages.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FacePipelineBenchmark {
    @Param({"1", "8"})
    int imagesPerCall;

    /** ONNX Runtime intra-op threads of all three models. */
    @Param({"1", "2"})
    int intraOpThreads;

    private FaceDetector detector;
    private EmbeddingBackend backend;
    private FacePipeline pipeline;
    private ModelRunner detectorModel;
    private ModelRunner landmarkModel;
    private List<BufferedImage> photos;
    private BufferedImage photo;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SectionSettings settings = SectionSettings.defaults().with(OnnxRuntimeOptions.SECTION,
                OnnxRuntimeOptions.defaults().withIntraOpThreads(intraOpThreads));
        detector = FaceDetector.open(DetectionOptions.defaults(), BackendRegistry.standard(), settings);
        backend = EmbeddingBackends.create(EmbeddingOptions.defaults().withSection(OnnxRuntimeOptions.SECTION,
                OnnxRuntimeOptions.defaults().withIntraOpThreads(intraOpThreads)));
        pipeline = FacePipeline.of(detector, backend);
        detectorModel = bare("fr_detect", settings);
        landmarkModel = bare("fr_landmark", settings);
        photo = photo();
        photos = Collections.nCopies(imagesPerCall, photo);
        if (pipeline.process(photo).faces().size() != 1) {
            throw new IllegalStateException("the benchmark photo must show one face");
        }
    }

    static ModelRunner bare(String name, SectionSettings settings) {
        ModelSpec spec = new ModelSpec(name, new ModelSource.Resource("dev/faceembed/models/" + name + ".onnx"), null,
                ModelSpec.bundledDefault().preprocessing());
        return new OnnxRuntimeProvider().openModelRunner(ModelLoader.load(spec), settings).orElseThrow();
    }

    static BufferedImage photo() throws IOException {
        try (InputStream in = FacePipelineBenchmark.class.getResourceAsStream("photos/grace_hopper.jpg")) {
            BufferedImage portrait = new PhotoDecoder().decode(in.readAllBytes());
            BufferedImage canvas = new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = canvas.createGraphics();
            try {
                g.setColor(new Color(0x808080));
                g.fillRect(0, 0, 640, 480);
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(portrait, 115, 0, 410, 480, null);
            } finally {
                g.dispose();
            }
            return canvas;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pipeline.close();
        detector.close();
        backend.close();
        detectorModel.close();
        landmarkModel.close();
    }

    /** One thread's bare model runs and one aligned crop to embed. */
    @State(Scope.Thread)
    public static class PerThread {
        TensorRun detectorRun;
        TensorRun landmarkRun;
        Arena arena;
        FaceBatch crop;
        MemorySegment out;

        @Setup(Level.Trial)
        public void setUp(FacePipelineBenchmark b) {
            detectorRun = b.detectorModel.newRun();
            landmarkRun = b.landmarkModel.newRun();
            arena = Arena.ofShared();
            crop = b.backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 1);
            PhotoFaces faces = b.pipeline.process(b.photo);
            ImageCrops.put(crop, 0, b.pipeline.crop(b.photo, faces.faces().getFirst().detection()));
            out = arena.allocate((long) b.backend.embeddingDim() * Float.BYTES, 64);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            detectorRun.close();
            landmarkRun.close();
            arena.close();
        }
    }

    /** Detect, landmarks, align, embed: {@code imagesPerCall} photos per call. */
    @Benchmark
    public List<PhotoFaces> pipeline() {
        return pipeline.processAll(photos);
    }

    /** Detector and landmark model with everything around them, one photo per call. */
    @Benchmark
    public Object detect() {
        return detector.detect(photo);
    }

    /** fr_detect alone: one run on a 320x240 view. */
    @Benchmark
    public float detectorModel(PerThread t) {
        t.detectorRun.run();
        return t.detectorRun.output(0).get(ValueLayout.JAVA_FLOAT, 0);
    }

    /** fr_landmark alone: one run on a 64x64 crop. */
    @Benchmark
    public float landmarkModel(PerThread t) {
        t.landmarkRun.run();
        return t.landmarkRun.output(0).get(ValueLayout.JAVA_FLOAT, 0);
    }

    /** The embedder alone: one aligned crop. */
    @Benchmark
    public float embed(PerThread t) {
        backend.encodeInto(t.crop, t.out);
        return t.out.get(ValueLayout.JAVA_FLOAT, 0);
    }
}

package dev.faceembed.bench;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.detect.AlignedCrops;
import dev.faceembed.detect.DetectedFace;
import dev.faceembed.detect.DetectionOptions;
import dev.faceembed.detect.FaceDetector;
import dev.faceembed.detect.FacePipeline;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import dev.faceembed.preprocess.ImageCrops;
import dev.faceembed.spi.BackendRegistry;
import dev.faceembed.spi.ModelRunner;
import dev.faceembed.spi.TensorRun;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * CPU cost of each stage of the photo pipeline on FacePipelineBenchmark's 640x480 one-face photo, as thread CPU time
 * with ONNX Runtime on one intra-op thread (so every stage runs on the calling thread and the figure does not depend
 * on what else the machine runs), then wall-clock images/s with 1 and 2 caller threads.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp java/bench/target/benchmarks.jar dev.faceembed.bench.FaceSpeed
 * </pre>
 */
public final class FaceSpeed {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 400;

    private FaceSpeed() {
    }

    public static void main(String[] args) throws Exception {
        OnnxRuntimeOptions oneThread = OnnxRuntimeOptions.defaults().withIntraOpThreads(1);
        SectionSettings settings = SectionSettings.defaults().with(OnnxRuntimeOptions.SECTION, oneThread);
        BufferedImage photo = FacePipelineBenchmark.photo();
        try (FaceDetector detector = FaceDetector.open(DetectionOptions.defaults(), BackendRegistry.standard(),
                settings);
             EmbeddingBackend backend = EmbeddingBackends.create(EmbeddingOptions.defaults()
                     .withSection(OnnxRuntimeOptions.SECTION, oneThread));
             FacePipeline pipeline = FacePipeline.of(detector, backend);
             ModelRunner detectorModel = FacePipelineBenchmark.bare("fr_detect", settings);
             ModelRunner landmarkModel = FacePipelineBenchmark.bare("fr_landmark", settings);
             TensorRun detectorRun = detectorModel.newRun();
             TensorRun landmarkRun = landmarkModel.newRun();
             Arena arena = Arena.ofConfined()) {
            DetectedFace face = detector.detect(photo).faces().getFirst();
            FaceBatch crop = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, 1);
            ImageCrops.put(crop, 0, pipeline.crop(photo, face));
            MemorySegment out = arena.allocate((long) backend.embeddingDim() * Float.BYTES, 64);

            System.out.println("| stage | CPU ms per photo |\n|---|---|");
            double whole = cpu(ROUNDS, () -> pipeline.process(photo));
            row("detect + landmarks + align + embed (FacePipeline.process, 1 photo per call)", whole);
            List<BufferedImage> eight = Collections.nCopies(8, photo);
            row("the same, 8 photos per call (one embedding run of 8)", cpu(ROUNDS / 8, () -> pipeline.processAll(eight))
                    / 8);
            double detect = cpu(ROUNDS, () -> detector.detect(photo));
            row("FaceDetector.detect (view, fr_detect, NMS, landmark crop, fr_landmark)", detect);
            double detectorAlone = cpu(ROUNDS, detectorRun::run);
            row("  of which fr_detect's run", detectorAlone);
            double landmarkAlone = cpu(ROUNDS, landmarkRun::run);
            row("  of which fr_landmark's run", landmarkAlone);
            row("  of which the rest (letterbox resampling, decoding, NMS, landmark crop)",
                    detect - detectorAlone - landmarkAlone);
            row("alignment (AlignedCrops.of, with its image copy)", cpu(ROUNDS,
                    () -> AlignedCrops.of(photo, face.landmarks(), backend.cropSize())));
            double embed = cpu(ROUNDS, () -> backend.encodeInto(crop, out));
            row("embedding (encodeInto, 1 crop)", embed);
            System.out.printf(Locale.ROOT, "%nshares of the CPU time of FacePipeline.process: fr_detect %.0f %%,"
                    + " fr_landmark %.0f %%, the rest of detection %.0f %%, embedding %.0f %%, alignment and the rest"
                    + " %.0f %%%n", 100 * detectorAlone / whole, 100 * landmarkAlone / whole,
                    100 * (detect - detectorAlone - landmarkAlone) / whole, 100 * embed / whole,
                    100 * (whole - detect - embed) / whole);

            System.out.println("\n| caller threads | photos per call | images/s (wall clock) |\n|---|---|---|");
            for (int threads : new int[]{1, 2}) {
                for (int perCall : new int[]{1, 8}) {
                    System.out.printf(Locale.ROOT, "| %d | %d | %.1f |%n", threads, perCall,
                            throughput(pipeline, photo, threads, perCall));
                }
            }
        }
    }

    private static void row(String stage, double ms) {
        System.out.printf(Locale.ROOT, "| %s | %.2f |%n", stage, ms);
    }

    /** Median over 5 batches of the calling thread's CPU milliseconds per call, after a warm-up. */
    private static double cpu(int calls, Runnable call) {
        for (int i = 0; i < calls / 2; i++) {
            call.run();
        }
        double[] batches = new double[5];
        for (int b = 0; b < batches.length; b++) {
            long start = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < calls / 5; i++) {
                call.run();
            }
            batches[b] = (CPU.getCurrentThreadCpuTime() - start) / 1e6 / (calls / 5);
        }
        java.util.Arrays.sort(batches);
        return batches[2];
    }

    private static double throughput(FacePipeline pipeline, BufferedImage photo, int threads, int perCall)
            throws Exception {
        List<BufferedImage> photos = Collections.nCopies(perCall, photo);
        int calls = ROUNDS / perCall;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int warm = 0; warm < 2; warm++) {
                List<Future<?>> done = new ArrayList<>();
                long start = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < calls; i++) {
                            pipeline.processAll(photos);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                if (warm == 1) {
                    return (double) threads * calls * perCall / ((System.nanoTime() - start) / 1e9);
                }
            }
        }
        throw new AssertionError();
    }
}

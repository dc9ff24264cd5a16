package dev.faceembed.cli;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.CropLayout;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.config.PipelineKeys;
import dev.faceembed.internal.MemoryBudget;
import dev.faceembed.preprocess.ImageDecoder;
import dev.faceembed.preprocess.SyntheticCrops;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code embed compare}: runs a reference and a candidate backend on the same crops and reports how far the
 * candidate's embeddings drift (cosine similarity and L2 distance per row), pass/fail against the tolerance, and
 * the speed-up.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.RUNTIME_LINE, ExitCodes.USAGE_LINE, ExitCodes.DRIFT_LINE,
                ExitCodes.NOT_COMPARED_LINE},
        description = {"Check a candidate backend against the reference on the same crops: cosine similarity and L2"
                + " distance per row (min, mean, p50, p99, max), drift = 1 - min cosine, pass/fail against"
                + " validation.max_drift_cosine (exit code 3 on fail), and the speed-up. Neither backend falls back:"
                + " when one cannot run here, nothing is compared (exit code 4, with the reason)."})
final class CompareCommand implements Callable<Integer> {
    @Mixin
    RunOptions runOptions;

    @Option(names = "--reference", paramLabel = "NAME", defaultValue = "onnxruntime",
            description = "Reference backend. Default: ${DEFAULT-VALUE}.")
    String reference;

    @Option(names = "--candidate", paramLabel = "NAME", defaultValue = "tensorrt",
            description = "Candidate backend. Default: ${DEFAULT-VALUE}.")
    String candidate;

    @Option(names = "--candidate-model", paramLabel = "FILE",
            description = "Model for the candidate (e.g. another export of the same network). Default: the"
                    + " reference's model.")
    String candidateModel;

    @Option(names = "--candidate-channel-order", paramLabel = "RGB|BGR",
            description = "Colour order --candidate-model expects. Default: what its manifest, <model>.yaml or"
                    + " metadata says (rgb when nothing does).")
    String candidateChannelOrder;

    @Option(names = "--candidate-mean", paramLabel = "M[,M,M]",
            description = "Pixel mean(s) --candidate-model expects, one for all planes or one per plane. Default:"
                    + " as --candidate-channel-order.")
    String candidateMean;

    @Option(names = "--candidate-std", paramLabel = "S[,S,S]",
            description = "Pixel std(s) --candidate-model expects, one for all planes or one per plane. Default:"
                    + " as --candidate-channel-order.")
    String candidateStd;

    @Option(names = "--candidate-precision", paramLabel = "fp32|int8",
            description = "Precision of the bundled model for the candidate, e.g. int8 against the fp32 reference."
                    + " Default: the reference's (--precision, embedding.precision).")
    String candidatePrecision;

    @Option(names = "--n-samples", paramLabel = "N", defaultValue = "100",
            description = "Seeded synthetic crops to compare on (without --input). Default: ${DEFAULT-VALUE}.")
    int samples;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the synthetic crops. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--input", paramLabel = "PATH",
            description = "Real crops instead: a folder of images, an image, or a .npy array (all of it is used).")
    Path input;

    @Option(names = "--max-drift", paramLabel = "X",
            description = "Tolerance on 1 - min cosine. Default: validation.max_drift_cosine (0.001).")
    Double maxDrift;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Crops per call. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    private static final int TIMED_PASSES = 3;

    private record Run(float[] embeddings, int dim, double seconds, Diagnostics diagnostics) {
    }

    /** The per-row comparison of the two runs. */
    private record Comparison(int count, Distribution cosine, Distribution l2, double drift, double tolerance,
                              boolean pass, double speedup) {
    }

    @Override
    public Integer call() throws IOException {
        if (samples < 1 || batch < 1) {
            throw new IllegalArgumentException("--n-samples and --batch must be >= 1");
        }
        if (candidateModel != null && candidatePrecision != null) {
            throw new IllegalArgumentException("--candidate-model and --candidate-precision exclude each other: the"
                    + " precision selects a variant of the bundled model");
        }
        PipelineConfig config = runOptions.loader()
                .flag(PipelineKeys.MAX_DRIFT_COSINE.path(), RunOptions.text(maxDrift), "--max-drift")
                .load();
        EmbeddingOptions referenceOptions = config.embeddingOptions().withBackend(reference)
                .withAllowCpuFallback(false);
        EmbeddingOptions candidateOptions = candidateConfig(config).embeddingOptions().withBackend(candidate)
                .withAllowCpuFallback(false);
        PrintWriter out = json.report(spec);
        try (Arena arena = Arena.ofConfined();
             EmbeddingBackend ref = EmbeddingBackends.create(referenceOptions);
             EmbeddingBackend cand = open(candidateOptions)) {
            CropArray crops = input != null ? readInput(ref, arena, config) : synthetic(arena, ref);
            List<Run> runs = encodeBoth(ref, cand, crops, arena);
            Run r = runs.get(0);
            Run c = runs.get(1);
            Comparison comparison = compare(r, c, crops.count(), config.maxDriftCosine());
            print(out, r, c, comparison);
            json.write(report(r, c, comparison), spec);
            return verdict(comparison);
        }
    }

    /**
     * The candidate's configuration: the reference's, with the candidate's model, preprocessing and precision where
     * given (a model without them gets its own manifest's, sidecar's or metadata's, not the reference's).
     */
    private PipelineConfig candidateConfig(PipelineConfig reference) {
        if (candidateModel == null && candidateChannelOrder == null && candidateMean == null
                && candidateStd == null && candidatePrecision == null) {
            return reference;
        }
        return runOptions.loader()
                .flag(PipelineKeys.MAX_DRIFT_COSINE.path(), RunOptions.text(maxDrift), "--max-drift")
                .flag(PipelineKeys.MODEL.path(), candidateModel, "--candidate-model")
                .flag(PipelineKeys.CHANNEL_ORDER.path(), candidateChannelOrder, "--candidate-channel-order")
                .flag(PipelineKeys.MEAN.path(), candidateMean, "--candidate-mean")
                .flag(PipelineKeys.STD.path(), candidateStd, "--candidate-std")
                .flag(PipelineKeys.PRECISION.path(), candidatePrecision, "--candidate-precision")
                .load();
    }

    /**
     * Opens the candidate; nothing falls back, since a stand-in would only be compared with itself. When the
     * default candidate (tensorrt) cannot run here, says in one line what would.
     */
    private EmbeddingBackend open(EmbeddingOptions options) {
        try {
            return EmbeddingBackends.create(options);
        } catch (BackendUnavailableException e) {
            if (spec.commandLine().getParseResult().hasMatchedOption("--candidate")) {
                throw e;
            }
            throw new BackendUnavailableException(e.getMessage() + ". Without a GPU, compare two CPU runs instead,"
                    + " e.g. --candidate onnxruntime --candidate-model OTHER.onnx", e);
        }
    }

    private static Comparison compare(Run r, Run c, int n, double tolerance) {
        if (r.dim() != c.dim()) {
            throw new IllegalArgumentException("the reference makes " + r.dim() + "-d embeddings, the candidate "
                    + c.dim() + "-d: they cannot be compared");
        }
        double[] cosines = new double[n];
        double[] distances = new double[n];
        for (int row = 0; row < n; row++) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            double d2 = 0;
            for (int i = 0; i < r.dim(); i++) {
                double a = r.embeddings()[row * r.dim() + i];
                double b = c.embeddings()[row * r.dim() + i];
                dot += a * b;
                na += a * a;
                nb += b * b;
                d2 += (a - b) * (a - b);
            }
            cosines[row] = dot / Math.sqrt(na * nb);
            distances[row] = Math.sqrt(d2);
        }
        Distribution cosine = Distribution.of(cosines);
        double drift = Math.max(0, 1 - cosine.min());
        boolean pass = drift <= tolerance;
        return new Comparison(n, cosine, Distribution.of(distances), drift, tolerance, pass,
                r.seconds() / c.seconds());
    }

    /** Exit 3 on drift over tolerance, else 0. */
    private int verdict(Comparison comparison) {
        if (!comparison.pass()) {
            spec.commandLine().getErr().printf("embed: drift %.3g exceeds the tolerance %.3g%n", comparison.drift(),
                    comparison.tolerance());
            return ExitCodes.DRIFT;
        }
        return ExitCodes.OK;
    }

    private CropArray synthetic(Arena arena, EmbeddingBackend backend) {
        MemoryBudget.require("--n-samples " + samples, samples, CropArray.uint8Bytes(backend.cropSize()));
        FaceBatch all = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, samples);
        SyntheticCrops.fill(all, seed);
        return new CropArray(all);
    }

    /** Every crop of --input, in memory: the timed passes go over them several times. Undecodable images fail. */
    private CropArray readInput(EmbeddingBackend backend, Arena arena, PipelineConfig config) {
        ImageDecoder decoder = new ImageDecoder(config.get(PipelineKeys.MAX_IMAGE_PIXELS));
        try (CropSource source = CropSource.open(input, backend.cropSize(), batch, CropSource.OnError.FAIL, decoder,
                arena)) {
            MemoryBudget.require("--input with " + source.inputs() + " crops", source.inputs(), CropArray.uint8Bytes(backend.cropSize()));
            return CropSource.readAll(source, arena);
        }
    }

    /**
     * Embeds every crop with both backends: one untimed pass each (loading, warm-up), then {@value #TIMED_PASSES}
     * timed passes taken in turns, so that each backend runs after the other as often (ONNX Runtime's pool threads
     * keep spinning a while after a run); each time is the median of its passes.
     */
    private List<Run> encodeBoth(EmbeddingBackend reference, EmbeddingBackend candidate, CropArray crops,
                                 Arena arena) {
        List<EmbeddingBackend> backends = List.of(reference, candidate);
        List<MemorySegment> outputs = new ArrayList<>();
        for (EmbeddingBackend backend : backends) {
            backend.ensureReady();
            MemorySegment out = arena.allocate((long) crops.count() * backend.embeddingDim() * Float.BYTES, 64);
            embedPass(backend, crops, out);
            outputs.add(out);
        }
        double[][] seconds = new double[2][TIMED_PASSES];
        for (int pass = 0; pass < TIMED_PASSES; pass++) {
            for (int b = 0; b < 2; b++) {
                seconds[b][pass] = embedPass(backends.get(b), crops, outputs.get(b));
            }
        }
        List<Run> runs = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            Arrays.sort(seconds[b]);
            runs.add(new Run(outputs.get(b).toArray(ValueLayout.JAVA_FLOAT), backends.get(b).embeddingDim(),
                    seconds[b][TIMED_PASSES / 2], backends.get(b).diagnostics()));
        }
        return runs;
    }

    private double embedPass(EmbeddingBackend backend, CropArray crops, MemorySegment out) {
        long rowBytes = (long) backend.embeddingDim() * Float.BYTES;
        long start = System.nanoTime();
        for (int first = 0; first < crops.count(); first += batch) {
            int count = Math.min(batch, crops.count() - first);
            backend.encodeInto(crops.batch(first, count), out.asSlice(first * rowBytes));
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void print(PrintWriter out, Run r, Run c, Comparison k) {
        out.printf("reference    %s (%s)%n", r.diagnostics().backend().name(), r.diagnostics().model().name());
        out.printf("candidate    %s (%s)%n", c.diagnostics().backend().name(), c.diagnostics().model().name());
        out.printf("crops        %d%s%n", k.count(), input == null ? " seeded synthetic (seed " + seed + ")"
                : " from " + input);
        out.printf(Locale.ROOT, "cosine       min %.6f  mean %.6f  p50 %.6f  p99 %.6f  max %.6f%n", k.cosine().min(),
                k.cosine().mean(), k.cosine().p50(), k.cosine().p99(), k.cosine().max());
        out.printf(Locale.ROOT, "L2 distance  min %.6f  mean %.6f  p50 %.6f  p99 %.6f  max %.6f%n", k.l2().min(),
                k.l2().mean(), k.l2().p50(), k.l2().p99(), k.l2().max());
        out.printf(Locale.ROOT, "drift        %.3g (tolerance %.3g): %s%n", k.drift(), k.tolerance(),
                k.pass() ? "PASS" : "FAIL");
        out.printf(Locale.ROOT, "speed        reference %.1f faces/s, candidate %.1f faces/s, speed-up %.2fx%n",
                k.count() / r.seconds(), k.count() / c.seconds(), k.speedup());
        out.flush();
    }

    private Map<String, Object> report(Run r, Run c, Comparison k) {
        Map<String, Object> m = DiagnosticsJson.of(c.diagnostics(), batch);
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("drift_vs_reference", k.drift());
        validation.put("regression_test", k.pass() ? "passed" : "failed");
        validation.put("max_drift_cosine", k.tolerance());
        validation.put("n_samples", k.count());
        validation.put("cosine", k.cosine().toJson(false));
        validation.put("l2_distance", k.l2().toJson(false));
        m.put("validation", validation);
        m.put("throughput_fps", Distribution.round(k.count() / c.seconds()));
        m.put("reference", DiagnosticsJson.of(r.diagnostics(), batch));
        m.put("reference_throughput_fps", Distribution.round(k.count() / r.seconds()));
        m.put("speedup", Distribution.round(k.speedup()));
        m.put("inputs", List.of(input == null ? "synthetic seed " + seed : input.toString()));
        return m;
    }
}

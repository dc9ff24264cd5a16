package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import dev.faceembed.trt.TensorRtOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code embed benchmark}: faces per second and latency per batch on seeded synthetic crops. */
@Command(name = "benchmark", mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.RUNTIME_LINE, ExitCodes.USAGE_LINE, ExitCodes.UNAVAILABLE_LINE},
        description = "Measure throughput (faces/s) and latency per batch on seeded synthetic crops.")
final class BenchmarkCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkCommand.class);

    @Mixin
    RunOptions runOptions;

    @Mixin
    BackendChoice backendChoice;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Crops per call. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "30",
            description = "Timed calls per thread. Default: ${DEFAULT-VALUE}.")
    int iterations;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "5",
            description = "Untimed calls per thread first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Caller threads sharing one backend. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--input-type", paramLabel = "uint8|float32", defaultValue = "uint8",
            description = "uint8: RGB crops preprocessed by the backend; float32: preprocessed NCHW handed over"
                    + " without a copy. Default: ${DEFAULT-VALUE}.")
    String inputType;

    @Mixin
    JsonOption json;

    @Option(names = "--profile-layers", paramLabel = "FILE",
            description = "tensorrt: write TensorRT's per-layer timings of the timed calls to FILE (JSON; turns CUDA"
                    + " graphs off). Default: tensorrt.layer_profile (null: none).")
    Path profileLayers;

    @Option(names = "--sweep", description = "Measure the configured ONNX Runtime settings when they adapt to the"
            + " callers (auto, the default), then every fixed combination of the settings that decide speed"
            + " (intra-op threads, sessions, denormal flushing, graph optimisation) with these callers and batch"
            + " size, fastest first, to tune onnxruntime.* for this machine.")
    boolean sweep;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (batch < 1 || iterations < 1 || warmup < 0 || threads < 1) {
            throw new IllegalArgumentException("--batch, --iterations and --threads must be >= 1, --warmup >= 0");
        }
        CropLayout layout = switch (inputType) {
            case "uint8" -> CropLayout.UINT8_HWC_RGB;
            case "float32" -> CropLayout.FLOAT32_NCHW;
            default -> throw new IllegalArgumentException("--input-type must be uint8 or float32, not " + inputType);
        };
        PrintWriter out = json.report(spec);
        PipelineConfig config = backendChoice.apply(runOptions.loader())
                .flag(TensorRtOptions.LAYER_PROFILE.path(), RunOptions.text(profileLayers), "--profile-layers")
                .load();
        if (sweep) {
            return sweep(config, layout, out);
        }
        try (EmbeddingBackend backend = EmbeddingBackends.create(config.embeddingOptions())) {
            long loadStart = System.nanoTime();
            backend.ensureReady();
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            Diagnostics diagnostics = backend.diagnostics();
            Benchmark.Result result;
            try (ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), "faces",
                    (long) threads * iterations * batch)) {
                result = new Benchmark(backend, config.modelSpec().preprocessing(), layout, batch)
                        .run(threads, warmup, iterations, progress);
            }
            Map<String, Object> report = report(diagnostics, result, layout, loadSeconds);
            printTable(out, diagnostics, result, loadSeconds);
            json.write(report, spec);
        }
        return ExitCodes.OK;
    }

    private int sweep(PipelineConfig config, CropLayout layout, PrintWriter out) throws IOException,
            InterruptedException {
        if (!config.backend().equals("onnxruntime")) {
            throw new IllegalArgumentException("--sweep tunes the onnxruntime backend; --backend is "
                    + config.backend());
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<OnnxRuntimeOptions> variants = SettingsSweep.variants(config.section(OnnxRuntimeOptions.SECTION));
        for (OnnxRuntimeOptions variant : variants) {
            Integer intraOpThreads = variant.adaptToCallers() ? null : variant.intraOpThreads();
            Integer sessions = variant.adaptToCallers() ? null : variant.sessions();
            LOG.info("measuring {} of {}: intra-op {}, sessions {}, denormals {}, graph {}", rows.size() + 1,
                    variants.size(), text(intraOpThreads), text(sessions),
                    variant.flushDenormals() ? "flushed" : "ieee", graph(variant));
            EmbeddingOptions options = config.embeddingOptions().withSection(OnnxRuntimeOptions.SECTION, variant);
            Benchmark.Result r;
            try (EmbeddingBackend backend = EmbeddingBackends.create(options);
                 ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), "faces",
                         (long) threads * iterations * batch)) {
                backend.ensureReady();
                r = new Benchmark(backend, config.modelSpec().preprocessing(), layout, batch)
                        .run(threads, warmup, iterations, progress);
            }
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("intra_op_threads", intraOpThreads);
            row.put("sessions", sessions);
            row.put("flush_denormals", variant.flushDenormals());
            row.put("graph_optimization", graph(variant));
            row.put("throughput_fps", Distribution.round(r.facesPerSecond()));
            row.put("latency_ms", Distribution.round(r.latency().mean()));
            row.put("latency_ms_percentiles", r.latency().toJson(true));
            rows.add(row);
        }
        rows.sort(Comparator.comparingDouble(m -> -((Number) m.get("throughput_fps")).doubleValue()));
        out.printf("%-9s %-9s %-10s %-11s %12s %10s%n", "intra-op", "sessions", "denormals", "graph", "faces/s",
                "p50 ms");
        for (Map<String, Object> row : rows) {
            out.printf(Locale.ROOT, "%-9s %-9s %-10s %-11s %12.1f %10.2f%n", text(row.get("intra_op_threads")),
                    text(row.get("sessions")), (Boolean) row.get("flush_denormals") ? "flushed" : "ieee",
                    row.get("graph_optimization"), ((Number) row.get("throughput_fps")).doubleValue(),
                    ((Number) ((Map<?, ?>) row.get("latency_ms_percentiles")).get("p50")).doubleValue());
        }
        Map<String, Object> best = rows.getFirst();
        out.printf("fastest: onnxruntime.intra_op_threads=%s onnxruntime.sessions=%s onnxruntime.flush_denormals=%s"
                        + " onnxruntime.graph_optimization=%s (%s faces/s, batch %d, %d caller thread(s))%n",
                best.get("intra_op_threads"), best.get("sessions"), best.get("flush_denormals"),
                best.get("graph_optimization"), best.get("throughput_fps"), batch, threads);
        out.flush();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("batch_size", batch);
        report.put("threads", threads);
        report.put("input_type", inputType);
        report.put("machine", MachineInfo.toJson());
        report.put("results", rows);
        json.write(report, spec);
        return ExitCodes.OK;
    }

    /** A sweep's thread or session count, "auto" when the settings adapt to the callers. */
    private static String text(Object count) {
        return count == null ? "auto" : count.toString();
    }

    private static String graph(OnnxRuntimeOptions variant) {
        return variant.optimization().name().toLowerCase(Locale.ROOT);
    }

    private void printTable(PrintWriter out, Diagnostics d, Benchmark.Result r, double loadSeconds) {
        Distribution l = r.latency();
        out.printf("backend      %s (%s, %s)%n", d.backend().name(), d.backend().deviceDescription(),
                d.backend().precision());
        d.fallback().ifPresent(f -> out.printf("fallback     %s%n", FallbackNotice.text(d)));
        out.printf("model        %s, %d-d, sha256 %s, loaded in %.2f s%n", d.model().name(), d.model().embeddingDim(),
                d.model().sha256().substring(0, 12), loadSeconds);
        out.printf("input        %s crops, batch %d, %d thread(s), %d calls each after %d warm-up%n", inputType,
                batch, threads, iterations, warmup);
        out.printf("throughput   %.1f faces/s%n", r.facesPerSecond());
        out.printf("latency      per batch: mean %.2f ms, p50 %.2f, p90 %.2f, p99 %.2f%n", l.mean(), l.p50(), l.p90(),
                l.p99());
        out.printf("memory       RSS %.0f MiB (peak %.0f MiB)%n", ProcessMemory.rssMb(), ProcessMemory.peakRssMb());
        out.flush();
    }

    private Map<String, Object> report(Diagnostics d, Benchmark.Result r, CropLayout layout, double loadSeconds) {
        Map<String, Object> m = DiagnosticsJson.of(d, batch);
        m.put("throughput_fps", Distribution.round(r.facesPerSecond()));
        m.put("latency_ms", Distribution.round(r.latency().mean()));
        m.put("latency_ms_percentiles", r.latency().toJson(true));
        m.put("vram_mb", null);
        Map<String, Object> validation = new LinkedHashMap<>();
        validation.put("drift_vs_reference", null);
        validation.put("regression_test", null);
        m.put("validation", validation);
        m.put("threads", threads);
        m.put("iterations", iterations);
        m.put("warmup", warmup);
        m.put("input_type", layout == CropLayout.UINT8_HWC_RGB ? "uint8" : "float32");
        m.put("load_seconds", Distribution.round(loadSeconds));
        m.put("rss_mb", Distribution.round(ProcessMemory.rssMb()));
        m.put("peak_rss_mb", Distribution.round(ProcessMemory.peakRssMb()));
        return m;
    }
}

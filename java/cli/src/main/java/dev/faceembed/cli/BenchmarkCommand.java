package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import dev.faceembed.trt.TensorRtOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Measure throughput (faces/s) and latency per batch on seeded synthetic crops.")
final class BenchmarkCommand implements Callable<Integer> {
    @Mixin
    RunOptions runOptions;

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

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON ('-' for stdout).")
    Path json;

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
        PrintWriter out = spec.commandLine().getOut();
        PipelineConfig config = runOptions.loader()
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
            if (json != null) {
                JsonOutput.write(json, report, out);
            }
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
        out.printf("%-9s %-9s %-10s %-11s %12s %10s%n", "intra-op", "sessions", "denormals", "graph", "faces/s",
                "p50 ms");
        for (OnnxRuntimeOptions variant : SettingsSweep.variants(config.section(OnnxRuntimeOptions.SECTION))) {
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
            row.put("intra_op_threads", variant.adaptToCallers() ? null : variant.intraOpThreads());
            row.put("sessions", variant.adaptToCallers() ? null : variant.sessions());
            row.put("flush_denormals", variant.flushDenormals());
            row.put("graph_optimization", variant.optimization().name().toLowerCase(Locale.ROOT));
            row.put("throughput_fps", Distribution.round(r.facesPerSecond()));
            row.put("latency_ms", r.latency().toJson(true));
            rows.add(row);
            out.printf("%-9s %-9s %-10s %-11s %12.1f %10.2f%n", text(row.get("intra_op_threads")),
                    text(row.get("sessions")), variant.flushDenormals() ? "flushed" : "ieee",
                    variant.optimization().name().toLowerCase(Locale.ROOT), r.facesPerSecond(), r.latency().p50());
            out.flush();
        }
        rows.sort(Comparator.comparingDouble(m -> -((Number) m.get("throughput_fps")).doubleValue()));
        Map<String, Object> best = rows.getFirst();
        out.printf("fastest: onnxruntime.intra_op_threads=%s onnxruntime.sessions=%s onnxruntime.flush_denormals=%s"
                        + " onnxruntime.graph_optimization=%s (%s faces/s, batch %d, %d caller thread(s))%n",
                best.get("intra_op_threads"), best.get("sessions"), best.get("flush_denormals"),
                best.get("graph_optimization"), best.get("throughput_fps"), batch, threads);
        out.flush();
        if (json != null) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("batch_size", batch);
            report.put("threads", threads);
            report.put("input_type", inputType);
            report.put("machine", MachineInfo.toJson());
            report.put("results", rows);
            JsonOutput.write(json, report, out);
        }
        return ExitCodes.OK;
    }

    /** A sweep's thread or session count, "auto" when the settings adapt to the callers. */
    private static String text(Object count) {
        return count == null ? "auto" : count.toString();
    }

    private void printTable(PrintWriter out, Diagnostics d, Benchmark.Result r, double loadSeconds) {
        Distribution l = r.latency();
        out.printf("backend      %s (%s, %s)%n", d.backend().name(), d.backend().deviceDescription(),
                d.backend().precision());
        d.fallback().ifPresent(f -> out.printf("fallback     %s requested: %s%n", f.requested(), f.reason()));
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
        m.put("latency_ms", r.latency().toJson(true));
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

package dev.faceembed.cli;

import dev.faceembed.cache.CachedEngine;
import dev.faceembed.cache.LookupPolicy;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.config.PipelineKeys;
import dev.faceembed.trt.EngineRequest;
import dev.faceembed.trt.EngineResolver;
import dev.faceembed.trt.ResolvedEngine;
import dev.faceembed.trt.TensorRtOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code embed build}: the TensorRT engine for a model on this machine's GPU, from the engine cache (local, then S3)
 * or built with the shim and published to the cache (and uploaded with {@code --upload}).
 */
@Command(name = "build", mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.RUNTIME_LINE, ExitCodes.USAGE_LINE, ExitCodes.NO_GPU_LINE},
        description = {"Build (or find in the engine cache) the TensorRT engine of an ONNX model for this machine's"
                + " GPU and TensorRT version. The engine is published atomically to the local cache and, with"
                + " --upload, to the configured S3 bucket. Needs a GPU, its driver and TensorRT 10 (exit code 4"
                + " names what is missing)."})
final class BuildEngineCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Mixin
    ModelOptions modelOptions;

    @Option(names = "--device", paramLabel = "cuda:N",
            description = "The GPU to build for. Default: embedding.device (cuda:0).")
    String device;

    @Option(names = "--precision", paramLabel = "fp16|fp32|int8",
            description = "Engine precision (int8: an explicitly quantised model). Default: tensorrt.precision"
                    + " (fp16).")
    String precision;

    @Option(names = "--tf32", negatable = true,
            description = "Let fp32 layers compute in TF32. Default: tensorrt.tf32 (false).")
    Boolean tf32;

    @Option(names = "--min-batch", paramLabel = "N", defaultValue = "1",
            description = "Smallest batch of the engine's profile (without --profiles). Default: ${DEFAULT-VALUE}.")
    int minBatch;

    @Option(names = "--opt-batch", paramLabel = "N",
            description = "Batch size TensorRT tunes for. Default: tensorrt.opt_batch_size (32).")
    Integer optBatch;

    @Option(names = "--max-batch", paramLabel = "N",
            description = "Largest batch of the engine's profile. Default: tensorrt.max_batch_size (32).")
    Integer maxBatch;

    @Option(names = "--profiles", paramLabel = "MIN/OPT/MAX[,...]",
            description = "Several optimisation profiles, e.g. 1/1/1,1/32/32,32/128/128. Default: tensorrt.profiles"
                    + " (null: one profile --min-batch/--opt-batch/--max-batch).")
    String profiles;

    @Option(names = "--workspace-mb", paramLabel = "MB",
            description = "Builder workspace limit. Default: tensorrt.workspace_size_mb (1024).")
    Integer workspaceMb;

    @Option(names = "--optimization-level", paramLabel = "0..5",
            description = "TensorRT's builder optimisation level. Default: tensorrt.builder_optimization_level"
                    + " (null: TensorRT's default).")
    Integer optimizationLevel;

    @Option(names = "--hardware-compatible", negatable = true,
            description = "One engine for every GPU of this architecture (TensorRT 10.9+) instead of one for this"
                    + " GPU model. Default: tensorrt.hardware_compatibility (none).")
    Boolean hardwareCompatible;

    @Option(names = "--engine-cache", paramLabel = "DIR",
            description = "Local engine cache. Default: tensorrt.engine_cache_dir (null:"
                    + " $$FACEEMBED_CACHE_DIR/engines, else $${XDG_CACHE_HOME:-~/.cache}/faceembed/engines).")
    Path engineCache;

    @Option(names = "--upload", negatable = true,
            description = "Upload the built engine to tensorrt.engine_s3_bucket. Default: tensorrt.engine_s3_upload"
                    + " (false).")
    Boolean upload;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PipelineConfig config = modelOptions.apply(configOptions.loader())
                .flag(PipelineKeys.DEVICE.path(), device, "--device")
                .flag(TensorRtOptions.PRECISION.path(), precision, "--precision")
                .flag(TensorRtOptions.TF32.path(), RunOptions.text(tf32), "--tf32")
                .flag(TensorRtOptions.PROFILES.path(), profiles, "--profiles")
                .flag(TensorRtOptions.OPTIMIZATION_LEVEL.path(), RunOptions.text(optimizationLevel),
                        "--optimization-level")
                .flag(TensorRtOptions.HARDWARE_COMPATIBILITY.path(), hardwareCompatible == null ? null
                        : hardwareCompatible ? "same_compute_capability" : "none", "--hardware-compatible")
                .flag(TensorRtOptions.OPT_BATCH_SIZE.path(), RunOptions.text(optBatch), "--opt-batch")
                .flag(TensorRtOptions.MAX_BATCH_SIZE.path(), RunOptions.text(maxBatch), "--max-batch")
                .flag(TensorRtOptions.WORKSPACE_SIZE_MB.path(), RunOptions.text(workspaceMb), "--workspace-mb")
                .flag(TensorRtOptions.ENGINE_CACHE_DIR.path(), RunOptions.text(engineCache), "--engine-cache")
                .flag(TensorRtOptions.ENGINE_S3_UPLOAD.path(), RunOptions.text(upload),
                        upload == null || upload ? "--upload" : "--no-upload")
                .load();
        TensorRtOptions trt = config.section(TensorRtOptions.SECTION);
        EngineRequest request = new EngineRequest(config.modelSpec(), config.device(), trt, minBatch,
                trt.storage().engineS3Upload() ? LookupPolicy.buildAndUpload() : LookupPolicy.buildIfMissing());
        long start = System.nanoTime();
        ResolvedEngine resolved = new EngineResolver().resolve(request);
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = json.report(spec);
        CachedEngine engine = resolved.engine();
        out.printf("engine       %s%n", engine.plan());
        out.printf("source       %s (%.1f s)%n", engine.source().name().toLowerCase(Locale.ROOT), seconds);
        out.printf("key          %s on %s, TensorRT %s%n", resolved.key().fileStem(), resolved.gpu(),
                resolved.environment().tensorRtVersion());
        out.printf("upload       %s%n", engine.upload());
        out.flush();
        json.write(report(trt, engine, seconds), spec);
        return ExitCodes.OK;
    }

    private static Map<String, Object> report(TensorRtOptions trt, CachedEngine engine, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", "tensorrt");
        m.put("engine_path", engine.plan().toString());
        m.put("precision", trt.engine().precision().id());
        m.put("batch_size", trt.engine().largestBatch());
        m.put("source", engine.source().name().toLowerCase(Locale.ROOT));
        m.put("seconds", Distribution.round(seconds));
        m.put("sidecar", engine.sidecar().toMap());
        m.put("upload", engine.upload().toString());
        m.put("warnings", engine.warnings());
        return m;
    }
}

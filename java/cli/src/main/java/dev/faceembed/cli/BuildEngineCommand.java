package dev.faceembed.cli;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.CudaDevice;
import dev.faceembed.cache.CachedEngine;
import dev.faceembed.cache.EngineCache;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.cache.LookupPolicy;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.model.ModelLoader;
import dev.faceembed.tensorrt.TensorRtOptions;
import dev.faceembed.trt.EngineCaches;
import dev.faceembed.trt.EngineLookup;
import dev.faceembed.trt.GpuDevice;
import dev.faceembed.trt.GpuEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code embed build}: the TensorRT engine for a model on this machine's GPU, from the engine cache (local, then S3)
 * or built with the shim and published to the cache (and uploaded with {@code --upload}).
 */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build (or find in the engine cache) the TensorRT engine of an ONNX model for this machine's"
                + " GPU and TensorRT version. The engine is published atomically to the local cache and, with"
                + " --upload, to the configured S3 bucket. Needs a GPU, its driver and TensorRT 10 (exit code 4"
                + " names what is missing)."})
final class BuildEngineCommand implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--onnx-path", paramLabel = "FILE",
            description = "The ONNX model. Default: embedding.model (the bundled fr_feature_dynbatch).")
    Path onnxPath;

    @Option(names = "--precision", paramLabel = "fp16|fp32",
            description = "Engine precision. Default: tensorrt.precision (fp16).")
    String precision;

    @Option(names = "--min-batch", paramLabel = "N", defaultValue = "1",
            description = "Smallest batch of the engine's profile. Default: ${DEFAULT-VALUE}.")
    int minBatch;

    @Option(names = "--opt-batch", paramLabel = "N",
            description = "Batch size TensorRT tunes for. Default: tensorrt.opt_batch_size (16).")
    Integer optBatch;

    @Option(names = "--max-batch", paramLabel = "N",
            description = "Largest batch of the engine's profile. Default: tensorrt.max_batch_size (32).")
    Integer maxBatch;

    @Option(names = "--workspace-mb", paramLabel = "MB",
            description = "Builder workspace limit. Default: tensorrt.workspace_size_mb (1024).")
    Integer workspaceMb;

    @Option(names = "--engine-cache", paramLabel = "DIR",
            description = "Local engine cache. Default: tensorrt.engine_cache_dir"
                    + " (${XDG_CACHE_HOME:-~/.cache}/faceembed/engines).")
    Path engineCache;

    @Option(names = "--upload", negatable = true,
            description = "Upload the built engine to tensorrt.engine_s3_bucket. Default: tensorrt.engine_s3_upload"
                    + " (false).")
    Boolean upload;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON ('-' for stdout).")
    Path json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PipelineConfig config = configOptions.loader()
                .flag("embedding.model", onnxPath == null ? null : onnxPath.toString(), "--onnx-path")
                .flag("tensorrt.precision", precision, "--precision")
                .flag("tensorrt.opt_batch_size", text(optBatch), "--opt-batch")
                .flag("tensorrt.max_batch_size", text(maxBatch), "--max-batch")
                .flag("tensorrt.workspace_size_mb", text(workspaceMb), "--workspace-mb")
                .flag("tensorrt.engine_cache_dir", engineCache == null ? null : engineCache.toString(),
                        "--engine-cache")
                .flag("tensorrt.engine_s3_upload", upload == null ? null : upload.toString(),
                        upload == null || upload ? "--upload" : "--no-upload")
                .load();
        if (minBatch < 1 || minBatch > config.tensorrt().optBatchSize()) {
            throw new IllegalArgumentException("--min-batch must be 1.." + config.tensorrt().optBatchSize()
                    + " (the opt batch)");
        }
        TensorRtOptions trt = config.tensorrt();
        int index = CudaDevice.index(config.device()).orElseThrow(() -> new IllegalArgumentException(
                "--device must be cuda:<index> to build an engine, not " + config.device()));
        GpuEnvironment env = GpuEnvironment.probe();
        env.failure().ifPresent(why -> {
            throw new BackendUnavailableException("cannot build a TensorRT engine here: " + why);
        });
        if (index >= env.devices().size()) {
            throw new BackendUnavailableException("--device " + config.device() + ": this machine has "
                    + env.devices().size() + " CUDA device(s)");
        }
        GpuDevice gpu = env.devices().get(index);
        LoadedModel model = ModelLoader.load(config.modelSpec());
        EngineKey base = EngineLookup.key(model, trt, gpu, env.tensorRtVersion());
        EngineKey key = new EngineKey(base.modelName(), base.modelSha256(), base.precision(), minBatch,
                base.optBatch(), base.maxBatch(), base.workspaceBytes(), base.computeMajor(), base.computeMinor(),
                base.tensorRtVersion());
        LookupPolicy policy = trt.engineS3Upload() ? LookupPolicy.buildAndUpload() : LookupPolicy.buildIfMissing();
        long start = System.nanoTime();
        CachedEngine engine;
        try (EngineCache cache = EngineCaches.open(trt)) {
            engine = EngineLookup.resolve(cache, key, model, env, gpu, policy);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        out.printf("engine       %s%n", engine.plan());
        out.printf("source       %s (%.1f s)%n", engine.source().name().toLowerCase(), seconds);
        out.printf("key          %s on %s, TensorRT %s%n", key.fileStem(), gpu, env.tensorRtVersion());
        out.printf("upload       %s%n", engine.upload());
        out.flush();
        if (json != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("backend", "tensorrt");
            m.put("engine_path", engine.plan().toString());
            m.put("precision", trt.precision());
            m.put("batch_size", trt.maxBatchSize());
            m.put("source", engine.source().name().toLowerCase());
            m.put("seconds", LatencyStats.round(seconds));
            m.put("sidecar", engine.sidecar().toMap());
            m.put("upload", engine.upload().toString());
            m.put("warnings", engine.warnings());
            JsonOutput.write(json, m, out);
        }
        return ExitCodes.OK;
    }

    private static String text(Integer value) {
        return value == null ? null : value.toString();
    }
}

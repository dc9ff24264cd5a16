package dev.faceembed.config;

import dev.faceembed.BackendKind;
import dev.faceembed.CudaDevice;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.model.ChannelOrder;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.onnxruntime.ExecutionProvider;
import dev.faceembed.onnxruntime.GraphOptimization;
import dev.faceembed.onnxruntime.SessionSettings;
import dev.faceembed.tensorrt.TensorRtOptions;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The effective configuration, typed and immutable: the {@code embedding}, {@code onnxruntime}, {@code validation},
 * {@code arcface_tensorrt} and {@code tensorrt} sections after defaults, files, environment and flags.
 *
 * @param backend          the backend to run
 * @param device           {@code cpu} or {@code cuda:<index>}
 * @param allowCpuFallback run onnxruntime on the CPU when the requested backend cannot run
 * @param model            the model file, or {@code null} for the bundled model
 * @param preprocessing    what {@code model} expects (the bundled model declares its own)
 * @param maxBatchSize     most crops per native run
 * @param session          ONNX Runtime session settings
 * @param maxDriftCosine   {@code embed compare} tolerance on 1 - min cosine
 * @param tensorrt         the TensorRT section
 * @param files            the configuration files read, in order
 * @param origins          for every key, where its value came from (default, file:line, environment, flag)
 */
public record PipelineConfig(BackendKind backend, String device, boolean allowCpuFallback, Path model,
                             Preprocessing preprocessing, int maxBatchSize, SessionSettings session,
                             double maxDriftCosine, TensorRtOptions tensorrt, List<Path> files,
                             Map<String, String> origins) {

    public PipelineConfig {
        files = List.copyOf(files);
        origins = Map.copyOf(origins);
    }

    static PipelineConfig of(ConfigValues v, List<Path> files) {
        BackendKind backend = BackendKind.parse((String) v.get("embedding.backend"));
        boolean trtEnabled = (Boolean) v.get("arcface_tensorrt.enabled");
        String backendOrigin = v.origin("embedding.backend");
        boolean backendFromFileOrDefault = backendOrigin.equals("default") || !(backendOrigin.startsWith("environment")
                || backendOrigin.startsWith("command-line"));
        if (trtEnabled && backendFromFileOrDefault) {
            backend = BackendKind.TENSORRT;
        }
        @SuppressWarnings("unchecked")
        Preprocessing preprocessing = new Preprocessing(Preprocessing.ARCFACE_CROP,
                ChannelOrder.valueOf(((String) v.get("embedding.preprocessing.channel_order")).toUpperCase(Locale.ROOT)),
                (List<Double>) v.get("embedding.preprocessing.mean"), (List<Double>) v.get("embedding.preprocessing.std"));
        Integer intra = (Integer) v.get("onnxruntime.intra_op_threads");
        SessionSettings session = SessionSettings.defaults()
                .withInterOpThreads((Integer) v.get("onnxruntime.inter_op_threads"))
                .withOptimization(GraphOptimization.valueOf(
                        ((String) v.get("onnxruntime.graph_optimization")).toUpperCase(Locale.ROOT)))
                .withFlushDenormals((Boolean) v.get("onnxruntime.flush_denormals"))
                .withSessions((Integer) v.get("onnxruntime.sessions"))
                .withProvider(ExecutionProvider.valueOf(
                        ((String) v.get("onnxruntime.execution_provider")).toUpperCase(Locale.ROOT)),
                        CudaDevice.index((String) v.get("embedding.device")).orElse(0));
        if (intra != null) {
            session = session.withIntraOpThreads(intra);
        }
        int maxBatch = (Integer) v.get("tensorrt.max_batch_size");
        int optBatch = (Integer) v.get("tensorrt.opt_batch_size");
        if (optBatch > maxBatch) {
            throw new ConfigException(v.origin("tensorrt.opt_batch_size") + ": tensorrt.opt_batch_size (" + optBatch
                    + ") must not exceed tensorrt.max_batch_size (" + maxBatch + ", from "
                    + v.origin("tensorrt.max_batch_size") + ")");
        }
        TensorRtOptions trt = new TensorRtOptions((String) v.get("tensorrt.precision"),
                maxBatch, optBatch, (Integer) v.get("tensorrt.workspace_size_mb"), (Path) v.get("tensorrt.engine_cache_dir"),
                (String) v.get("tensorrt.engine_s3_bucket"), (String) v.get("tensorrt.engine_s3_prefix"),
                (String) v.get("tensorrt.engine_s3_region"), (String) v.get("tensorrt.engine_s3_endpoint"),
                (Boolean) v.get("tensorrt.engine_s3_upload"), (Integer) v.get("tensorrt.streams"));
        return new PipelineConfig(backend, (String) v.get("embedding.device"),
                (Boolean) v.get("embedding.allow_cpu_fallback"), (Path) v.get("embedding.model"), preprocessing,
                (Integer) v.get("embedding.max_batch_size"), session, (Double) v.get("validation.max_drift_cosine"),
                trt, files, v.origins());
    }

    /** The model to load: the configured file with its preprocessing, or the bundled model. */
    public ModelSpec modelSpec() {
        return model == null ? ModelSpec.bundledDefault() : ModelSpec.file(model, preprocessing);
    }

    /** Options for {@code EmbeddingBackends.create}. */
    public EmbeddingOptions embeddingOptions() {
        return new EmbeddingOptions(backend, modelSpec(), session, maxBatchSize, allowCpuFallback, device, tensorrt);
    }
}

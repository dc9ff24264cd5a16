package dev.faceembed.cli;

import dev.faceembed.config.PipelineConfig;
import dev.faceembed.config.PipelineConfigLoader;
import dev.faceembed.config.PipelineKeys;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How to run a backend: options of the commands that embed (info, encode, benchmark, compare): the configuration
 * ({@link ConfigOptions}), the model ({@link ModelOptions}), the device and the settings that decide speed. The
 * onnxruntime flags are shortcuts for their keys ({@code --set} reaches every backend's). Which backend runs is
 * {@link BackendChoice} (compare names two instead).
 */
final class RunOptions {
    @Mixin
    ConfigOptions config;

    @Mixin
    ModelOptions model;

    @Option(names = "--device", paramLabel = "cuda:N|cpu",
            description = "Device of the GPU backends. Default: embedding.device (cuda:0).")
    String device;

    @Option(names = "--precision", paramLabel = "fp32|int8",
            description = "Precision of the bundled model: fp32, or int8 for its quantised variant. Default:"
                    + " embedding.precision (fp32).")
    String precision;

    @Option(names = "--intra-op-threads", paramLabel = "N",
            description = "ONNX Runtime threads per operator, the caller included (0: ONNX Runtime's choice)."
                    + " Default: onnxruntime.intra_op_threads (null: with --sessions unset, adapt to the callers:"
                    + " all available processors for a caller alone, shared out among concurrent callers).")
    Integer intraOpThreads;

    @Option(names = "--execution-provider", paramLabel = "cpu|cuda|tensorrt",
            description = "ONNX Runtime execution provider (GPU ones need a GPU build of ONNX Runtime). Default:"
                    + " onnxruntime.execution_provider (cpu).")
    String executionProvider;

    @Option(names = "--sessions", paramLabel = "N",
            description = "ONNX Runtime sessions per backend; concurrent callers are spread over them. Default:"
                    + " onnxruntime.sessions (null: with --intra-op-threads unset, one per concurrent caller).")
    Integer sessions;

    @Option(names = "--max-batch", paramLabel = "N",
            description = "Most crops per native run; larger batches are split. Default: embedding.max_batch_size"
                    + " (128).")
    Integer maxBatch;

    @Option(names = "--flush-denormals", negatable = true,
            description = "Flush denormal floats to zero during inference (--no-flush-denormals: IEEE arithmetic)."
                    + " Default: onnxruntime.flush_denormals (true).")
    Boolean flushDenormals;

    PipelineConfig load() {
        return loader().load();
    }

    /** The configuration loader with every flag applied; commands may add their own before loading. */
    PipelineConfigLoader loader() {
        return model.apply(config.loader())
                .flag(PipelineKeys.DEVICE.path(), device, "--device")
                .flag(PipelineKeys.PRECISION.path(), precision, "--precision")
                .flag(PipelineKeys.MAX_BATCH_SIZE.path(), text(maxBatch), "--max-batch")
                .flag(OnnxRuntimeOptions.INTRA_OP_THREADS.path(), text(intraOpThreads), "--intra-op-threads")
                .flag(OnnxRuntimeOptions.SESSIONS.path(), text(sessions), "--sessions")
                .flag(OnnxRuntimeOptions.EXECUTION_PROVIDER.path(), executionProvider, "--execution-provider")
                .flag(OnnxRuntimeOptions.FLUSH_DENORMALS.path(), text(flushDenormals),
                        flushDenormals == null || flushDenormals ? "--flush-denormals" : "--no-flush-denormals");
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

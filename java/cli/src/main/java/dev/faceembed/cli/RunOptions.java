package dev.faceembed.cli;

import dev.faceembed.config.PipelineConfig;
import dev.faceembed.config.PipelineConfigLoader;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How to run a backend: options of the commands that embed (info, encode, benchmark, compare), on top of
 * {@link ConfigOptions}.
 */
final class RunOptions {
    @Mixin
    ConfigOptions config;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "onnxruntime or tensorrt (pytorch: deprecated alias of onnxruntime). Default:"
                    + " embedding.backend (onnxruntime).")
    String backend;

    @Option(names = "--fallback", negatable = true,
            description = "Run onnxruntime on the CPU when the requested backend cannot run (--no-fallback: exit"
                    + " with code 4 instead). Default: embedding.allow_cpu_fallback (true).")
    Boolean fallback;

    @Option(names = "--intra-op-threads", paramLabel = "N",
            description = "ONNX Runtime threads per operator, the caller included (0: ONNX Runtime's choice)."
                    + " Default: onnxruntime.intra_op_threads (available processors).")
    Integer intraOpThreads;

    @Option(names = "--execution-provider", paramLabel = "cpu|cuda|tensorrt",
            description = "ONNX Runtime execution provider (GPU ones need a GPU build of ONNX Runtime). Default:"
                    + " onnxruntime.execution_provider (cpu).")
    String executionProvider;

    @Option(names = "--sessions", paramLabel = "N",
            description = "ONNX Runtime sessions per backend; concurrent callers are spread over them. Default:"
                    + " onnxruntime.sessions (1).")
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
        return config.loader()
                .flag("embedding.backend", backend, "--backend")
                .flag("embedding.allow_cpu_fallback", fallback == null ? null : fallback.toString(),
                        fallback == null || fallback ? "--fallback" : "--no-fallback")
                .flag("onnxruntime.intra_op_threads", intraOpThreads == null ? null : intraOpThreads.toString(),
                        "--intra-op-threads")
                .flag("onnxruntime.sessions", sessions == null ? null : sessions.toString(), "--sessions")
                .flag("onnxruntime.execution_provider", executionProvider, "--execution-provider")
                .flag("embedding.max_batch_size", maxBatch == null ? null : maxBatch.toString(), "--max-batch")
                .flag("onnxruntime.flush_denormals", flushDenormals == null ? null : flushDenormals.toString(),
                        flushDenormals == null || flushDenormals ? "--flush-denormals" : "--no-flush-denormals");
    }
}

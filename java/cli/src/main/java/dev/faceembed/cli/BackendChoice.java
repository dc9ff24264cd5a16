package dev.faceembed.cli;

import dev.faceembed.config.PipelineConfigLoader;
import dev.faceembed.config.PipelineKeys;
import picocli.CommandLine.Option;

/** Which backend a command runs, and whether another may stand in for it: {@code --backend} and {@code --fallback}. */
final class BackendChoice {
    @Option(names = "--backend", paramLabel = "NAME",
            description = "The backend to run: onnxruntime, tensorrt, or another on the class path (embed info lists"
                    + " them). Default: embedding.backend (onnxruntime).")
    String backend;

    @Option(names = "--fallback", negatable = true,
            description = "Run a fallback backend on the CPU when the requested one cannot run (--no-fallback: exit"
                    + " with code 4 instead). Default: embedding.allow_cpu_fallback (true).")
    Boolean fallback;

    /** {@code loader} with these flags applied. */
    PipelineConfigLoader apply(PipelineConfigLoader loader) {
        return loader
                .flag(PipelineKeys.BACKEND.path(), backend, "--backend")
                .flag(PipelineKeys.ALLOW_CPU_FALLBACK.path(), RunOptions.text(fallback),
                        fallback == null || fallback ? "--fallback" : "--no-fallback");
    }
}

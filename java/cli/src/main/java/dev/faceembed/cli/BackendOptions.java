package dev.faceembed.cli;

import dev.faceembed.BackendKind;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.model.ChannelOrder;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.onnxruntime.SessionSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of every command that runs a backend. */
final class BackendOptions {
    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "onnxruntime",
            description = "Backend: onnxruntime (pytorch is accepted as its deprecated alias). Default: ${DEFAULT-VALUE}.")
    String backend;

    @Option(names = "--model", paramLabel = "FILE",
            description = "ONNX model file; default: the bundled model (fr_feature_dynbatch, 512-d).")
    Path model;

    @Option(names = "--channel-order", paramLabel = "RGB|BGR", defaultValue = "RGB",
            description = "Colour order the --model expects. Default: ${DEFAULT-VALUE}.")
    ChannelOrder channelOrder;

    @Option(names = "--mean", paramLabel = "VALUE", defaultValue = "127.5",
            description = "Pixel mean the --model expects: input = (pixel - mean) / std. Default: ${DEFAULT-VALUE}.")
    double mean;

    @Option(names = "--std", paramLabel = "VALUE", defaultValue = "127.5",
            description = "Pixel std the --model expects. Default: ${DEFAULT-VALUE}.")
    double std;

    @Option(names = "--intra-op-threads", paramLabel = "N",
            description = "ONNX Runtime threads per operator, the calling thread included (0 = ONNX Runtime's"
                    + " choice). Default: the number of available processors.")
    Integer intraOpThreads;

    @Option(names = "--max-batch", paramLabel = "N", defaultValue = "" + EmbeddingOptions.DEFAULT_MAX_BATCH_SIZE,
            description = "Most crops per native run; larger batches are split. Default: ${DEFAULT-VALUE}.")
    int maxBatch;

    @Option(names = "--flush-denormals", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Flush denormal floats to zero during inference (several times faster on models with"
                    + " denormal weights); --no-flush-denormals for IEEE arithmetic. Default: on.")
    boolean flushDenormals;

    EmbeddingOptions toOptions() {
        SessionSettings session = SessionSettings.defaults().withFlushDenormals(flushDenormals);
        if (intraOpThreads != null) {
            session = session.withIntraOpThreads(intraOpThreads);
        }
        ModelSpec spec = model == null ? ModelSpec.bundledDefault()
                : ModelSpec.file(model, Preprocessing.of(channelOrder, mean, std));
        return new EmbeddingOptions(BackendKind.parse(backend), spec, session, maxBatch);
    }

    EmbeddingBackend create() {
        return EmbeddingBackends.create(toOptions());
    }
}

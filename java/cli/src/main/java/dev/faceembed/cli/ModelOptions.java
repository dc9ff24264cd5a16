package dev.faceembed.cli;

import dev.faceembed.config.PipelineConfigLoader;
import dev.faceembed.config.PipelineKeys;
import picocli.CommandLine.Option;

/** The model to run and its preprocessing: options of the commands that run or build a model. */
final class ModelOptions {
    @Option(names = {"--model", "--onnx-path"}, paramLabel = "FILE",
            description = "ONNX model file (--onnx-path is the original tool's name for it). Default: embedding.model"
                    + " (null: the bundled fr_feature_dynbatch).")
    String model;

    @Option(names = "--channel-order", paramLabel = "RGB|BGR",
            description = "Colour order --model expects. Default: embedding.preprocessing.channel_order, else what the"
                    + " model's manifest, <model>.yaml or metadata says (rgb when nothing does).")
    String channelOrder;

    @Option(names = "--mean", paramLabel = "M[,M,M]",
            description = "Pixel mean(s) --model expects, one for all planes or one per plane. Default:"
                    + " embedding.preprocessing.mean ([127.5, 127.5, 127.5]).")
    String mean;

    @Option(names = "--std", paramLabel = "S[,S,S]",
            description = "Pixel std(s) --model expects, one for all planes or one per plane. Default:"
                    + " embedding.preprocessing.std ([127.5, 127.5, 127.5]).")
    String std;

    /** {@code loader} with these flags applied. */
    PipelineConfigLoader apply(PipelineConfigLoader loader) {
        return loader
                .flag(PipelineKeys.MODEL.path(), model, "--model")
                .flag(PipelineKeys.CHANNEL_ORDER.path(), channelOrder, "--channel-order")
                .flag(PipelineKeys.MEAN.path(), mean, "--mean")
                .flag(PipelineKeys.STD.path(), std, "--std");
    }
}

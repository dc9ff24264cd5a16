package dev.faceembed.cli;

import dev.faceembed.config.PipelineConfigLoader;
import dev.faceembed.config.PipelineKeys;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration file, the model and any key: options of every command that loads the configuration. Each maps
 * onto a configuration key and, when given, wins over the environment and the config file (see
 * config/pipeline/embedding.yaml for every key and its default). Values are taken as text, by the key's type: a
 * model path is the file named, whatever its spelling.
 */
final class ConfigOptions {
    /** Environment the configuration reads; tests replace it. */
    static Map<String, String> environment = System.getenv();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (like config/pipeline/embedding.yaml). Default: $FACEEMBED_CONFIG, else"
                    + " built-in defaults.")
    Path config;

    @Option(names = "--model", paramLabel = "FILE",
            description = "ONNX model file. Default: embedding.model (null: the bundled fr_feature_dynbatch).")
    String model;

    @Option(names = "--channel-order", paramLabel = "RGB|BGR",
            description = "Colour order --model expects. Default: embedding.preprocessing.channel_order (rgb).")
    String channelOrder;

    @Option(names = "--mean", paramLabel = "M[,M,M]",
            description = "Pixel mean(s) --model expects, one for all planes or one per plane. Default:"
                    + " embedding.preprocessing.mean ([127.5, 127.5, 127.5]).")
    String mean;

    @Option(names = "--std", paramLabel = "S[,S,S]",
            description = "Pixel std(s) --model expects, one for all planes or one per plane. Default:"
                    + " embedding.preprocessing.std ([127.5, 127.5, 127.5]).")
    String std;

    @Option(names = "--device", paramLabel = "cuda:N|cpu",
            description = "Device of the GPU backends. Default: embedding.device (cuda:0).")
    String device;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Any configuration key, e.g. --set tensorrt.precision=fp32 (repeatable; embed info and"
                    + " config/pipeline/*.yaml list the keys).")
    Map<String, String> set = new TreeMap<>();

    /** The loader with these flags applied; commands add their own flags before loading. */
    PipelineConfigLoader loader() {
        PipelineConfigLoader loader = new PipelineConfigLoader(environment).configFile(config);
        set.forEach((key, value) -> loader.flag(key, value, "--set " + key));
        return loader
                .flag(PipelineKeys.MODEL.path(), model, "--model")
                .flag(PipelineKeys.CHANNEL_ORDER.path(), channelOrder, "--channel-order")
                .flag(PipelineKeys.MEAN.path(), mean, "--mean")
                .flag(PipelineKeys.STD.path(), std, "--std")
                .flag(PipelineKeys.DEVICE.path(), device, "--device");
    }
}

package dev.faceembed.cli;

import dev.faceembed.config.PipelineConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The configuration file and the model: options of every command that loads the configuration. Each maps onto a
 * configuration key and, when given, wins over the environment and the config file (see
 * config/pipeline/embedding.yaml for every key and its default).
 */
final class ConfigOptions {
    /** Environment the configuration reads; tests replace it. */
    static Map<String, String> environment = System.getenv();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (like config/pipeline/embedding.yaml). Default: $FACEEMBED_CONFIG, else"
                    + " built-in defaults.")
    Path config;

    @Option(names = "--model", paramLabel = "FILE",
            description = "ONNX model file. Default: embedding.model (the bundled fr_feature_dynbatch).")
    Path model;

    @Option(names = "--channel-order", paramLabel = "RGB|BGR",
            description = "Colour order --model expects. Default: embedding.preprocessing.channel_order (RGB).")
    String channelOrder;

    @Option(names = "--mean", paramLabel = "M[,M,M]",
            description = "Pixel mean(s) --model expects, per plane. Default: embedding.preprocessing.mean (127.5).")
    String mean;

    @Option(names = "--std", paramLabel = "S[,S,S]",
            description = "Pixel std(s) --model expects, per plane. Default: embedding.preprocessing.std (127.5).")
    String std;

    @Option(names = "--device", paramLabel = "cuda:N|cpu",
            description = "Device of the GPU backends. Default: embedding.device (cuda:0).")
    String device;

    /** The loader with these flags applied; commands add their own flags before loading. */
    PipelineConfigLoader loader() {
        return new PipelineConfigLoader(environment).configFile(config)
                .flag("embedding.model", model == null ? null : model.toString(), "--model")
                .flag("embedding.preprocessing.channel_order", channelOrder, "--channel-order")
                .flag("embedding.preprocessing.mean", triple(mean), "--mean")
                .flag("embedding.preprocessing.std", triple(std), "--std")
                .flag("embedding.device", device, "--device");
    }

    /** "127.5" means the same value for all three planes; "1,2,3" one per plane; both as a YAML list. */
    private static String triple(String value) {
        if (value == null) {
            return null;
        }
        String[] parts = value.split(",");
        String[] three = parts.length == 1 ? new String[]{parts[0], parts[0], parts[0]} : parts;
        return Arrays.stream(three).map(String::trim).collect(Collectors.joining(", ", "[", "]"));
    }
}

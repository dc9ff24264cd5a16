package dev.faceembed.cli;

import dev.faceembed.config.PipelineConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration file and any key: options of every command that loads the configuration. A flag, when given,
 * wins over the environment and the config file (see config/pipeline/embedding.yaml for every key and its default).
 * Values are taken as text, by the key's type: a path is the file named, whatever its spelling.
 */
final class ConfigOptions {
    /** Environment the configuration reads; tests replace it. */
    static Map<String, String> environment = System.getenv();

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (like config/pipeline/embedding.yaml). Default: $FACEEMBED_CONFIG, else"
                    + " built-in defaults.")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", mapFallbackValue = "",
            description = "Any configuration key, e.g. --set tensorrt.precision=fp32 (repeatable; embed info and"
                    + " config/pipeline/*.yaml list the keys).")
    Map<String, String> set = new TreeMap<>();

    /** The loader with these flags applied; commands add their own flags before loading. */
    PipelineConfigLoader loader() {
        PipelineConfigLoader loader = new PipelineConfigLoader(environment).configFile(config);
        set.forEach((key, value) -> loader.flag(key, value, "--set " + key));
        return loader;
    }
}

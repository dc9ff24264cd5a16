package dev.faceembed.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration with the documented precedence: command-line flag > environment variable > config file >
 * built-in default. The main file ({@code --config}, else {@value #CONFIG_VARIABLE}, else none) may name a TensorRT
 * file in {@code embedding.tensorrt_config}; that file is read first, so entries of the main file win.
 */
public final class PipelineConfigLoader {
    /** Environment variable naming the main configuration file when {@code --config} is not given. */
    public static final String CONFIG_VARIABLE = "FACEEMBED_CONFIG";

    private final Map<String, String> environment;
    private final Map<String, FlagValue> flags = new LinkedHashMap<>();
    private Path configFile;

    private record FlagValue(String raw, String flag) {
    }

    public PipelineConfigLoader(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The main configuration file ({@code null}: {@value #CONFIG_VARIABLE}, else none). */
    public PipelineConfigLoader configFile(Path file) {
        this.configFile = file;
        return this;
    }

    /** A command-line value for a key, e.g. {@code ("embedding.backend", "tensorrt", "--backend")}. */
    public PipelineConfigLoader flag(String path, String raw, String flag) {
        if (raw != null) {
            flags.put(path, new FlagValue(raw, flag));
        }
        return this;
    }

    public PipelineConfig load() {
        Path main = configFile;
        if (main == null && environment.get(CONFIG_VARIABLE) != null && !environment.get(CONFIG_VARIABLE).isBlank()) {
            main = Path.of(environment.get(CONFIG_VARIABLE));
        }
        ConfigValues values = new ConfigValues();
        List<Path> files = new ArrayList<>();
        if (main != null) {
            if (!Files.isRegularFile(main)) {
                throw new ConfigException("config file not found: " + main.toAbsolutePath()
                        + (configFile == null ? " (from " + CONFIG_VARIABLE + ")" : ""));
            }
            ConfigValues probe = new ConfigValues();
            probe.readFile(main);
            Path trtFile = (Path) probe.get("embedding.tensorrt_config");
            boolean named = !probe.origin("embedding.tensorrt_config").equals("default");
            if (trtFile != null) {
                Path resolved = resolve(main, trtFile);
                if (resolved != null) {
                    values.readFile(resolved);
                    files.add(resolved);
                } else if (named) {
                    throw new ConfigException(probe.origin("embedding.tensorrt_config") + ": embedding.tensorrt_config "
                            + trtFile + " not found next to " + main + " nor in the working directory");
                }
            }
            values.readFile(main);
            files.add(main);
        }
        values.readEnvironment(environment);
        flags.forEach((path, flag) -> values.override(path, flag.raw(), flag.flag()));
        return PipelineConfig.of(values, files);
    }

    /** A relative path is looked up next to the file that names it, then in the working directory. */
    private static Path resolve(Path referrer, Path path) {
        if (path.isAbsolute()) {
            return Files.isRegularFile(path) ? path : null;
        }
        Path sibling = referrer.toAbsolutePath().getParent().resolve(path);
        if (Files.isRegularFile(sibling)) {
            return sibling;
        }
        return Files.isRegularFile(path) ? path : null;
    }
}

package dev.faceembed.config;

import dev.faceembed.bindings.loader.ExtractionCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the configuration with the documented precedence: command-line flag > environment variable > config file >
 * built-in default. The main file ({@code --config}, else {@value #CONFIG_VARIABLE}, else none) may name other files
 * in include keys (e.g. {@code embedding.tensorrt_config}); those are read first, so entries of the main file win.
 *
 * <p>Flags and environment variables are read by their key's type: text and paths verbatim (a model called
 * {@code null}, {@code ~} or {@code my model #2.onnx} is that file), never as YAML. An empty environment variable
 * counts as unset. An unknown {@code FACEEMBED_*} variable gets a warning, with "did you mean" when it is close to a key's.
 */
public final class PipelineConfigLoader {
    /** Environment variable naming the main configuration file when {@code --config} is not given. */
    public static final String CONFIG_VARIABLE = "FACEEMBED_CONFIG";
    /** Environment variable that turns embed.jar's AOT cache off ({@code off}); no configuration key. */
    public static final String AOT_VARIABLE = "FACEEMBED_AOT";
    private static final Logger LOG = LoggerFactory.getLogger(PipelineConfigLoader.class);
    private static final String VARIABLE_PREFIX = "FACEEMBED_";

    private final Map<String, String> environment;
    private final ConfigSchema schema;
    private final Map<String, FlagValue> flags = new LinkedHashMap<>();
    private Path configFile;

    private record FlagValue(String raw, String flag) {
    }

    /**
     * A loader for the keys of every backend on the class path.
     *
     * @param environment the environment variables, usually {@link System#getenv()}; copied
     */
    public PipelineConfigLoader(Map<String, String> environment) {
        this(environment, ConfigSchema.standard());
    }

    /**
     * A loader for the keys of {@code schema}.
     *
     * @param environment the environment variables, usually {@link System#getenv()}; copied
     * @param schema      the keys to read
     */
    public PipelineConfigLoader(Map<String, String> environment, ConfigSchema schema) {
        this.environment = Map.copyOf(environment);
        this.schema = schema;
    }

    /**
     * The keys this loader reads.
     *
     * @return the schema
     */
    public ConfigSchema schema() {
        return schema;
    }

    /**
     * The main configuration file ({@code null}: {@value #CONFIG_VARIABLE}, else none).
     *
     * @param file the file, as {@code --config} names it, or null
     * @return this loader
     */
    public PipelineConfigLoader configFile(Path file) {
        this.configFile = file;
        return this;
    }

    /**
     * A per-run value for a key, e.g. {@code ("embedding.backend", "tensorrt", "--backend")}; {@code null} sets
     * nothing.
     *
     * @param path the key's dotted path
     * @param raw  the value as the user wrote it, read by the key's type when loading; null sets nothing
     * @param flag how the user set it, e.g. {@code --backend}, for messages and {@link ConfigOrigin.Flag}
     * @return this loader
     * @throws ConfigException if no key has that path
     */
    public PipelineConfigLoader flag(String path, String raw, String flag) {
        if (schema.key(path).isEmpty()) {
            throw new ConfigException(flag + ": unknown key " + path + schema.nearest(path)
                    .map(n -> "; did you mean " + n + "?").orElse(""));
        }
        if (raw != null) {
            flags.put(path, new FlagValue(raw, flag));
        }
        return this;
    }

    /**
     * Reads the files, the environment and the flags, and checks the result.
     *
     * @return the effective configuration
     * @throws ConfigException if a file is missing or malformed, a value does not fit its key, or the values
     *                         contradict each other; the message names where the value was set
     */
    public PipelineConfig load() {
        ConfigValues values = new ConfigValues(schema.keys());
        List<Path> files = new ArrayList<>();
        Path main = mainFile();
        if (main != null) {
            readWithIncludes(main, values, files);
        }
        List<String> warnings = readEnvironment(values);
        flags.forEach((path, flag) -> values.set(schema.key(path).orElseThrow(), new RawValue.Text(flag.raw()),
                new ConfigOrigin.Flag(flag.flag())));
        return new PipelineConfig(schema, values, files, warnings);
    }

    private Path mainFile() {
        Path main = configFile;
        String named = environment.get(CONFIG_VARIABLE);
        if (main == null && named != null && !named.isBlank()) {
            main = Path.of(named);
        }
        if (main != null && !Files.isRegularFile(main)) {
            throw new ConfigException("config file not found: " + main.toAbsolutePath()
                    + (configFile == null ? " (from " + CONFIG_VARIABLE + ")" : ""));
        }
        return main;
    }

    /** Reads the files {@code main} includes, then {@code main} itself. */
    private void readWithIncludes(Path main, ConfigValues values, List<Path> files) {
        ConfigValues probe = new ConfigValues(schema.keys());
        new YamlConfigFile(schema, main).readInto(probe);
        for (ConfigKey<?> key : schema.keys()) {
            if (!key.include() || !(probe.get(key) instanceof Path included)) {
                continue;
            }
            Path resolved = resolve(main, included);
            if (resolved != null) {
                new YamlConfigFile(schema, resolved).readInto(values);
                files.add(resolved);
            } else if (!(probe.origin(key) instanceof ConfigOrigin.Default)) {
                throw new ConfigException(probe.origin(key) + ": " + key.path() + " " + included
                        + " not found next to " + main + " nor in the working directory");
            }
        }
        new YamlConfigFile(schema, main).readInto(values);
        files.add(main);
    }

    /** Reads the keys' variables; returns a warning for each other {@code FACEEMBED_*} variable (also logged). */
    private List<String> readEnvironment(ConfigValues values) {
        List<String> warnings = new ArrayList<>();
        for (ConfigKey<?> key : schema.keys()) {
            String raw = environment.get(key.environmentVariable());
            if (raw != null && !raw.isEmpty()) {
                values.set(key, new RawValue.Text(raw), new ConfigOrigin.Environment(key.environmentVariable()));
            }
        }
        for (String name : environment.keySet()) {
            if (name.startsWith(VARIABLE_PREFIX) && schema.keyOfVariable(name).isEmpty() && !isOtherVariable(name)) {
                String warning = "environment variable " + name + " is not a faceembed setting and is ignored"
                        + schema.nearestVariable(name).map(near -> "; did you mean " + near + "?")
                        .orElse(" (each key has one: FACEEMBED_ and its path in capitals, with _ for ., e.g. "
                                + PipelineKeys.BACKEND.environmentVariable() + ")");
                LOG.warn(warning);
                warnings.add(warning);
            }
        }
        return warnings;
    }

    /**
     * faceembed's variables that are not configuration keys: this file's, the native library cache's, embed.jar's
     * switch for its AOT cache, and the {@code FACEEMBED_<LIBRARY>_LIBRARY} path of any backend's native library.
     */
    private static boolean isOtherVariable(String name) {
        return name.equals(CONFIG_VARIABLE) || name.equals(ExtractionCache.ROOT_VARIABLE)
                || name.equals(ExtractionCache.CACHE_DIR_VARIABLE) || name.equals(AOT_VARIABLE)
                || name.endsWith("_LIBRARY");
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

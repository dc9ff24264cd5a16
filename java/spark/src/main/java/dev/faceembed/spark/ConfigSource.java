package dev.faceembed.spark;

import dev.faceembed.EmbeddingOptions;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.config.PipelineConfigLoader;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where executors load the faceembed configuration from: the same YAML file and keys as the {@code embed} command
 * (see config/pipeline/embedding.yaml), plus per-job overrides of single keys. Travels to executors as these plain
 * values; each executor loads it with {@link PipelineConfigLoader}, so its own {@code FACEEMBED_*} environment
 * variables apply there (precedence: override &gt; environment &gt; file &gt; default).
 *
 * <p>A relative config file that is not found in an executor's working directory is looked up among the files
 * shipped with {@code spark-submit --files} ({@link SparkFiles}), together with the TensorRT file it names.
 *
 * @param configFile the main configuration file, or {@code null} for {@code FACEEMBED_CONFIG}, else the defaults
 * @param overrides  configuration keys (e.g. {@code embedding.backend}) and their values, as YAML scalars
 */
public record ConfigSource(String configFile, Map<String, String> overrides) implements Serializable {

    public ConfigSource {
        overrides = Map.copyOf(overrides);
    }

    /** No file (unless {@code FACEEMBED_CONFIG} names one) and no overrides: the built-in defaults. */
    public static ConfigSource defaults() {
        return new ConfigSource(null, Map.of());
    }

    /** The given configuration file, like {@code embed --config FILE}. */
    public static ConfigSource fromFile(String configFile) {
        return new ConfigSource(configFile, Map.of());
    }

    /**
     * Sets one configuration key, e.g. {@code ("onnxruntime.intra_op_threads", "1")}; wins over the file and the
     * environment.
     */
    public ConfigSource withOverride(String key, String value) {
        Map<String, String> next = new HashMap<>(overrides);
        next.put(key, value);
        return new ConfigSource(configFile, next);
    }

    /** {@code embedding.backend}: {@code onnxruntime} or {@code tensorrt}. */
    public ConfigSource withBackend(String backend) {
        return withOverride("embedding.backend", backend);
    }

    /** {@code embedding.allow_cpu_fallback}: run onnxruntime on the CPU when the requested backend cannot run. */
    public ConfigSource withAllowCpuFallback(boolean allow) {
        return withOverride("embedding.allow_cpu_fallback", Boolean.toString(allow));
    }

    /** Reads the configuration here (driver or executor). */
    public PipelineConfig load() {
        PipelineConfigLoader loader = new PipelineConfigLoader(System.getenv());
        if (configFile != null) {
            loader.configFile(locate(Path.of(configFile)));
        }
        overrides.forEach((key, value) -> loader.flag(key, value, key));
        return loader.load();
    }

    /** The options for {@code EmbeddingBackends.create}. */
    public EmbeddingOptions embeddingOptions() {
        return load().embeddingOptions();
    }

    private static Path locate(Path file) {
        if (file.isAbsolute() || Files.isRegularFile(file) || SparkEnv.get() == null) {
            return file;
        }
        Path shipped = Path.of(SparkFiles.get(file.getFileName().toString()));
        return Files.isRegularFile(shipped) ? shipped : file;
    }
}

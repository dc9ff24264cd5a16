package dev.faceembed.config;

import dev.faceembed.Device;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.model.ChannelOrder;
import dev.faceembed.model.ModelFileSpec;
import dev.faceembed.model.ModelPrecision;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.model.Preprocessing;
import dev.faceembed.spi.BackendProvider;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The effective configuration after defaults, files, environment and flags: typed, immutable, and checked as a
 * whole (the backend and the fallback backends exist, every backend's section is consistent) when it is made.
 */
public final class PipelineConfig {
    private final ConfigSchema schema;
    private final ConfigValues values;
    private final List<Path> files;
    private final List<String> warnings;
    private final String backend;
    private final SectionSettings settings;
    private final ModelPrecision precision;
    private ModelSpec modelSpec;

    PipelineConfig(ConfigSchema schema, ConfigValues values, List<Path> files, List<String> warnings) {
        this.schema = schema;
        this.values = values;
        this.files = List.copyOf(files);
        this.warnings = List.copyOf(warnings);
        this.backend = selectBackend();
        for (String fallback : values.get(PipelineKeys.FALLBACK_BACKENDS)) {
            provider(fallback, PipelineKeys.FALLBACK_BACKENDS);
        }
        SectionSettings all = SectionSettings.defaults();
        for (ConfigSection<?> section : schema.sections()) {
            all = withSection(all, section);
        }
        this.settings = all;
        this.precision = precision();
        preprocessing();
    }

    private <O> SectionSettings withSection(SectionSettings all, ConfigSection<O> section) {
        return all.with(section, section.read(values));
    }

    /**
     * {@code embedding.backend}, unless a backend's enabling key (e.g. {@code arcface_tensorrt.enabled}) is true in a
     * file and the backend was not chosen for this run by a flag or an environment variable.
     */
    private String selectBackend() {
        String chosen = provider(values.get(PipelineKeys.BACKEND), PipelineKeys.BACKEND).id();
        if (values.origin(PipelineKeys.BACKEND).isPerRun()) {
            return chosen;
        }
        for (BackendProvider provider : schema.registry().providers()) {
            if (provider.enabledBy().map(values::get).orElse(false)) {
                return provider.id();
            }
        }
        return chosen;
    }

    private BackendProvider provider(String name, ConfigKey<?> key) {
        return schema.registry().find(name).orElseThrow(() -> new ConfigException(values.origin(key) + ": "
                + key.path() + ": " + schema.registry().unknownBackendMessage(name)));
    }

    /**
     * The id of the backend to run.
     *
     * @return {@code embedding.backend}, or the backend whose enabling key a file sets
     */
    public String backend() {
        return backend;
    }

    /**
     * Where the backend runs.
     *
     * @return {@code embedding.device}
     */
    public Device device() {
        return values.get(PipelineKeys.DEVICE);
    }

    /**
     * Whether a backend that cannot run here falls back to the CPU.
     *
     * @return {@code embedding.allow_cpu_fallback}
     */
    public boolean allowCpuFallback() {
        return values.get(PipelineKeys.ALLOW_CPU_FALLBACK);
    }

    /**
     * Most crops per native run.
     *
     * @return {@code embedding.max_batch_size}
     */
    public int maxBatchSize() {
        return values.get(PipelineKeys.MAX_BATCH_SIZE);
    }

    /**
     * {@code embed compare}'s tolerance on 1 - min cosine.
     *
     * @return {@code validation.max_drift_cosine}, 0 to 2
     */
    public double maxDriftCosine() {
        return values.get(PipelineKeys.MAX_DRIFT_COSINE);
    }

    /**
     * The options of a backend's configuration section.
     *
     * @param <O>     the section's options type
     * @param section the section
     * @return its options as configured
     */
    public <O> O section(ConfigSection<O> section) {
        return settings.get(section);
    }

    /**
     * The value of any key.
     *
     * @param <T> the value's Java type
     * @param key the key
     * @return its effective value; null only where the key allows it
     */
    public <T> T get(ConfigKey<T> key) {
        return values.get(key);
    }

    /**
     * Where a key's value came from.
     *
     * @param key the key
     * @return the default, a file line, an environment variable or a flag
     */
    public ConfigOrigin origin(ConfigKey<?> key) {
        return values.origin(key);
    }

    /**
     * Where every key's value came from, by path.
     *
     * @return an unmodifiable map from dotted path to origin
     */
    public Map<String, ConfigOrigin> origins() {
        return values.origins();
    }

    /**
     * What loading warned about (also logged): variables that look like settings but are not.
     *
     * @return the warnings, unmodifiable, empty if none
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The configuration files read, in order.
     *
     * @return the files, unmodifiable
     */
    public List<Path> files() {
        return files;
    }

    /**
     * The keys this configuration was read against.
     *
     * @return the schema
     */
    public ConfigSchema schema() {
        return schema;
    }

    /**
     * The model to load: the bundled model in the configured precision, or the configured file with the
     * preprocessing the configuration sets, else the one the file declares or is known to take
     * ({@link ModelFileSpec}). Reads the file the first time.
     *
     * @return the model, the same on every call
     * @throws dev.faceembed.ModelException if the configured file cannot be read
     */
    public synchronized ModelSpec modelSpec() {
        if (modelSpec == null) {
            Path model = values.get(PipelineKeys.MODEL);
            modelSpec = model == null ? ModelSpec.bundled(precision) : ModelFileSpec.of(model, explicitPreprocessing());
        }
        return modelSpec;
    }

    /**
     * {@code embedding.precision}, checked when the configuration loads (the model file is read only later).
     *
     * @throws ConfigException if a model file is configured with a precision other than fp32: faceembed quantises
     *                         only its bundled model, and runs a file as it is
     */
    private ModelPrecision precision() {
        ModelPrecision configured = ModelPrecision.parse(values.get(PipelineKeys.PRECISION));
        Path model = values.get(PipelineKeys.MODEL);
        if (model != null && configured != ModelPrecision.FP32) {
            throw new ConfigException(values.origin(PipelineKeys.PRECISION) + ": embedding.precision "
                    + configured.id() + " selects the bundled model's " + configured.id() + " variant, but"
                    + " embedding.model (" + values.origin(PipelineKeys.MODEL) + ") names the file " + model
                    + ", which runs as it is: set embedding.precision to fp32 (a quantised file runs quantised)");
        }
        return configured;
    }

    /** The preprocessing the configuration sets, or {@code null} when every preprocessing key has its default. */
    private Preprocessing explicitPreprocessing() {
        boolean set = List.of(PipelineKeys.CHANNEL_ORDER, PipelineKeys.MEAN, PipelineKeys.STD).stream()
                .anyMatch(k -> !(values.origin(k) instanceof ConfigOrigin.Default));
        return set ? preprocessing() : null;
    }

    private Preprocessing preprocessing() {
        try {
            return new Preprocessing(Preprocessing.ARCFACE_CROP,
                    ChannelOrder.valueOf(values.get(PipelineKeys.CHANNEL_ORDER).toUpperCase(Locale.ROOT)),
                    values.get(PipelineKeys.MEAN), values.get(PipelineKeys.STD));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(values.origin(PipelineKeys.STD) + ": embedding.preprocessing: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Options for {@code EmbeddingBackends.create}.
     *
     * @return the options of this configuration
     */
    public EmbeddingOptions embeddingOptions() {
        return new EmbeddingOptions(backend, modelSpec(), device(), maxBatchSize(), allowCpuFallback(),
                values.get(PipelineKeys.FALLBACK_BACKENDS), settings);
    }
}

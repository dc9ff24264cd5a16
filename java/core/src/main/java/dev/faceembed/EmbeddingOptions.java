package dev.faceembed;

import dev.faceembed.config.ConfigSection;
import dev.faceembed.config.PipelineKeys;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.spi.BackendRequest;

import java.util.List;
import java.util.Objects;

/**
 * How to build a backend. The defaults are the configuration keys' defaults ({@link PipelineKeys}); a backend's own
 * options are set with {@link #withSection}, e.g.
 * {@code withSection(OnnxRuntimeOptions.SECTION, OnnxRuntimeOptions.defaults().withSessions(2))}.
 *
 * @param backend          the id of the backend to run, e.g. {@code onnxruntime}
 * @param model            the model
 * @param device           {@code cuda:<index>} for GPU backends, or {@code cpu}
 * @param maxBatchSize     most crops per native run; larger batches are split
 * @param allowCpuFallback when the requested backend cannot run here, run the first of {@code fallbackBackends}
 *                         that can, on the CPU (its {@link Diagnostics} say why), instead of throwing
 * @param fallbackBackends the fallback chain, in order
 * @param settings         every backend's options (unset sections have their defaults)
 */
public record EmbeddingOptions(String backend, ModelSpec model, Device device, int maxBatchSize,
                               boolean allowCpuFallback, List<String> fallbackBackends, SectionSettings settings) {

    /**
     * Checks the options and copies the fallback list.
     *
     * @throws NullPointerException     if {@code backend}, {@code model}, {@code device}, {@code fallbackBackends} or
     *                                  {@code settings} is null
     * @throws IllegalArgumentException if {@code maxBatchSize} is below 1
     */
    public EmbeddingOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(settings, "settings");
        fallbackBackends = List.copyOf(fallbackBackends);
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
    }

    /**
     * The bundled model on the default backend with every default.
     *
     * @return the default options
     */
    public static EmbeddingOptions defaults() {
        return new EmbeddingOptions(PipelineKeys.BACKEND.defaultValue(), ModelSpec.bundledDefault(),
                PipelineKeys.DEVICE.defaultValue(), PipelineKeys.MAX_BATCH_SIZE.defaultValue(),
                PipelineKeys.ALLOW_CPU_FALLBACK.defaultValue(), PipelineKeys.FALLBACK_BACKENDS.defaultValue(),
                SectionSettings.defaults());
    }

    /**
     * The options of a backend's section: as set, else its defaults.
     *
     * @param <O>     the section's options type
     * @param section the section, e.g. {@code OnnxRuntimeOptions.SECTION}
     * @return the section's options, never null
     */
    public <O> O section(ConfigSection<O> section) {
        return settings.get(section);
    }

    /**
     * What the backend is asked to open.
     *
     * @return the model, device, batch size and settings of these options
     */
    public BackendRequest request() {
        return new BackendRequest(model, device, maxBatchSize, settings);
    }

    /**
     * These options with another backend.
     *
     * @param id the backend's id, e.g. {@code tensorrt}
     * @return new options
     */
    public EmbeddingOptions withBackend(String id) {
        return new EmbeddingOptions(id, model, device, maxBatchSize, allowCpuFallback, fallbackBackends, settings);
    }

    /**
     * These options with another model.
     *
     * @param spec the model
     * @return new options
     */
    public EmbeddingOptions withModel(ModelSpec spec) {
        return new EmbeddingOptions(backend, spec, device, maxBatchSize, allowCpuFallback, fallbackBackends, settings);
    }

    /**
     * These options on another device.
     *
     * @param other where the backend runs
     * @return new options
     */
    public EmbeddingOptions withDevice(Device other) {
        return new EmbeddingOptions(backend, model, other, maxBatchSize, allowCpuFallback, fallbackBackends, settings);
    }

    /**
     * These options with another batch limit.
     *
     * @param size most crops per native run, 1 or more
     * @return new options
     * @throws IllegalArgumentException if {@code size} is below 1
     */
    public EmbeddingOptions withMaxBatchSize(int size) {
        return new EmbeddingOptions(backend, model, device, size, allowCpuFallback, fallbackBackends, settings);
    }

    /**
     * These options with the CPU fallback allowed or not.
     *
     * @param allow whether a backend that cannot run here falls back to the CPU instead of throwing
     * @return new options
     */
    public EmbeddingOptions withAllowCpuFallback(boolean allow) {
        return new EmbeddingOptions(backend, model, device, maxBatchSize, allow, fallbackBackends, settings);
    }

    /**
     * These options with another fallback chain.
     *
     * @param ids backend ids, tried in order; copied
     * @return new options
     */
    public EmbeddingOptions withFallbackBackends(List<String> ids) {
        return new EmbeddingOptions(backend, model, device, maxBatchSize, allowCpuFallback, ids, settings);
    }

    /**
     * These options with one backend's section set.
     *
     * @param <O>     the section's options type
     * @param section the section, e.g. {@code OnnxRuntimeOptions.SECTION}
     * @param options the section's options
     * @return new options
     */
    public <O> EmbeddingOptions withSection(ConfigSection<O> section, O options) {
        return new EmbeddingOptions(backend, model, device, maxBatchSize, allowCpuFallback, fallbackBackends,
                settings.with(section, options));
    }
}

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

    /** The bundled model on the default backend with every default. */
    public static EmbeddingOptions defaults() {
        return new EmbeddingOptions(PipelineKeys.BACKEND.defaultValue(), ModelSpec.bundledDefault(),
                PipelineKeys.DEVICE.defaultValue(), PipelineKeys.MAX_BATCH_SIZE.defaultValue(),
                PipelineKeys.ALLOW_CPU_FALLBACK.defaultValue(), PipelineKeys.FALLBACK_BACKENDS.defaultValue(),
                SectionSettings.defaults());
    }

    /** The options of a backend's section: as set, else its defaults. */
    public <O> O section(ConfigSection<O> section) {
        return settings.get(section);
    }

    /** What the backend is asked to open. */
    public BackendRequest request() {
        return new BackendRequest(model, device, maxBatchSize, settings);
    }

    public EmbeddingOptions withBackend(String id) {
        return new EmbeddingOptions(id, model, device, maxBatchSize, allowCpuFallback, fallbackBackends, settings);
    }

    public EmbeddingOptions withModel(ModelSpec spec) {
        return new EmbeddingOptions(backend, spec, device, maxBatchSize, allowCpuFallback, fallbackBackends, settings);
    }

    public EmbeddingOptions withDevice(Device other) {
        return new EmbeddingOptions(backend, model, other, maxBatchSize, allowCpuFallback, fallbackBackends, settings);
    }

    public EmbeddingOptions withMaxBatchSize(int size) {
        return new EmbeddingOptions(backend, model, device, size, allowCpuFallback, fallbackBackends, settings);
    }

    public EmbeddingOptions withAllowCpuFallback(boolean allow) {
        return new EmbeddingOptions(backend, model, device, maxBatchSize, allow, fallbackBackends, settings);
    }

    public EmbeddingOptions withFallbackBackends(List<String> ids) {
        return new EmbeddingOptions(backend, model, device, maxBatchSize, allowCpuFallback, ids, settings);
    }

    public <O> EmbeddingOptions withSection(ConfigSection<O> section, O options) {
        return new EmbeddingOptions(backend, model, device, maxBatchSize, allowCpuFallback, fallbackBackends,
                settings.with(section, options));
    }
}

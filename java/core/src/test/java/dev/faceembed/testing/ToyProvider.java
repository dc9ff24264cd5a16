package dev.faceembed.testing;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.Device;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.config.ConfigException;
import dev.faceembed.config.ConfigKey;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.config.ValueType;
import dev.faceembed.spi.BackendProbe;
import dev.faceembed.spi.BackendProvider;
import dev.faceembed.spi.BackendRequest;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A backend that never runs, with a configuration shaped like a GPU backend's (an included settings file, an
 * enabling key, keys that constrain each other): the configuration seam exercised without naming a real backend.
 */
public final class ToyProvider implements BackendProvider {
    public static final ConfigKey<Path> INCLUDE = ConfigKey.include("embedding.toy_config", Path.of("toy.yaml"),
            "The toy settings file.");
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.of("toy_backend.enabled", ValueType.bool(), false,
            "Prefer the toy backend.");
    public static final ConfigKey<String> PRECISION = ConfigKey.of("toy.precision", ValueType.choice("fp16", "fp32"),
            "fp16", "fp16 or fp32.");
    public static final ConfigKey<Integer> MAX_BATCH = ConfigKey.of("toy.max_batch_size", ValueType.integer(1, 4096),
            32, "Largest batch.");
    public static final ConfigKey<Integer> OPT_BATCH = ConfigKey.of("toy.opt_batch_size", ValueType.integer(1, 4096),
            16, "Tuned batch.");

    /** The toy options. */
    public record Options(String precision, int maxBatch, int optBatch) {
    }

    public static final ConfigSection<Options> SECTION = ConfigSection.builder("toy", Options.class)
            .keys(List.of(INCLUDE, ENABLED, PRECISION, MAX_BATCH, OPT_BATCH))
            .reader(v -> {
                if (v.get(OPT_BATCH) > v.get(MAX_BATCH)) {
                    throw new ConfigException(v.origin(OPT_BATCH) + ": toy.opt_batch_size (" + v.get(OPT_BATCH)
                            + ") must not exceed toy.max_batch_size (" + v.get(MAX_BATCH) + ", from "
                            + v.origin(MAX_BATCH) + ")");
                }
                return new Options(v.get(PRECISION), v.get(MAX_BATCH), v.get(OPT_BATCH));
            })
            .build();

    @Override
    public String id() {
        return "toy";
    }

    @Override
    public String description() {
        return "a backend that never runs";
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }

    @Override
    public Optional<ConfigKey<Boolean>> enabledBy() {
        return Optional.of(ENABLED);
    }

    @Override
    public BackendProbe probe(BackendRequest request) {
        return BackendProbe.unavailable(request.device(), "the toy backend never runs", "use another backend");
    }

    @Override
    public EmbeddingBackend open(BackendRequest request) {
        throw new BackendUnavailableException("toy: " + probe(request.onDevice(Device.cpu())).message());
    }
}

package dev.faceembed.example;

import dev.faceembed.Device;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.config.ConfigKey;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.config.ValueType;
import dev.faceembed.onnxruntime.GraphOptimization;
import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import dev.faceembed.spi.BackendProbe;
import dev.faceembed.spi.BackendProvider;
import dev.faceembed.spi.BackendRequest;
import dev.faceembed.spi.ForwardingBackend;


import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A third backend written against the public API only, as a module of its own would be: the bundled model through
 * ONNX Runtime with unoptimised graphs on one thread, as a slow, plain reference. It has its own configuration key
 * ({@code reference.graph_optimization}) and is registered in this test tree's
 * {@code META-INF/services/dev.faceembed.spi.BackendProvider}; nothing else names it.
 */
public final class ReferenceProvider implements BackendProvider {
    public static final ConfigKey<String> OPTIMIZATION = ConfigKey.of("reference.graph_optimization",
            ValueType.choice("disable_all", "basic"), "disable_all", "How much ONNX Runtime may rewrite the graph.");

    /** The reference backend's options. */
    public record Options(GraphOptimization optimization) {
    }

    public static final ConfigSection<Options> SECTION = ConfigSection.builder("reference", Options.class)
            .key(OPTIMIZATION)
            .reader(v -> new Options(GraphOptimization.valueOf(v.get(OPTIMIZATION).toUpperCase(Locale.ROOT))))
            .build();

    @Override
    public String id() {
        return "reference";
    }

    @Override
    public String description() {
        return "ONNX Runtime with unoptimised graphs on one thread (an example backend)";
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(SECTION);
    }

    @Override
    public BackendProbe probe(BackendRequest request) {
        return BackendProbe.available(Device.cpu());
    }

    @Override
    public EmbeddingBackend open(BackendRequest request) {
        OnnxRuntimeOptions plain = OnnxRuntimeOptions.defaults().withIntraOpThreads(1)
                .withOptimization(request.section(SECTION).optimization());
        EmbeddingBackend onnxRuntime = EmbeddingBackends.create(EmbeddingOptions.defaults().withBackend("onnxruntime")
                .withModel(request.model()).withDevice(Device.cpu()).withMaxBatchSize(request.maxBatchSize())
                .withSection(OnnxRuntimeOptions.SECTION, plain).withAllowCpuFallback(false));
        return new Renamed(onnxRuntime);
    }

    @Override
    public Map<String, Object> describe() {
        return Map.of("threads", 1);
    }

    /** The onnxruntime backend, reporting itself as the reference backend. */
    private static final class Renamed extends ForwardingBackend {
        Renamed(EmbeddingBackend delegate) {
            super(delegate);
        }

        @Override
        public String name() {
            return "reference";
        }

        @Override
        public Diagnostics diagnostics() {
            Diagnostics d = delegate().diagnostics();
            Diagnostics.BackendInfo b = d.backend();
            return new Diagnostics(new Diagnostics.BackendInfo("reference", b.device(), b.deviceDescription(),
                    b.precision(), b.maxBatchSize(), b.enginePath(), b.versions(), b.settings()), d.model(),
                    d.fallback());
        }
    }
}

package dev.faceembed.onnxruntime;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.Device;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.spi.BackendProbe;
import dev.faceembed.spi.BackendProvider;
import dev.faceembed.spi.BackendRequest;
import dev.faceembed.spi.ModelRunner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code onnxruntime} backend (alias {@code pytorch}, the original Python tool's reference): ONNX Runtime's CPU
 * kernels, or its CUDA or TensorRT execution provider on the requested device when {@code execution_provider} asks
 * for one and the loaded ONNX Runtime has it. Asked for the CPU (as a fallback, or with {@code device: cpu}), it runs
 * on the CPU whatever the execution provider setting.
 */
public final class OnnxRuntimeProvider implements BackendProvider {
    /** The provider; {@link java.util.ServiceLoader} makes it, and it holds no state. */
    public OnnxRuntimeProvider() {
    }

    @Override
    public String id() {
        return OnnxRuntimeBackend.NAME;
    }

    @Override
    public String description() {
        return "ONNX Runtime through its C API, the reference: CPU, or the CUDA/TensorRT execution providers of a GPU"
                + " build";
    }

    @Override
    public List<String> deprecatedAliases() {
        return List.of("pytorch");
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(OnnxRuntimeOptions.SECTION);
    }

    @Override
    public BackendProbe probe(BackendRequest request) {
        OnnxRuntimeOptions options = effectiveOptions(request);
        Device device = options.provider() == ExecutionProvider.CPU ? Device.cpu() : request.device();
        if (!OnnxRuntimeEnvironment.isAvailable()) {
            return BackendProbe.unavailable(device, OnnxRuntimeEnvironment.unavailabilityReason(), "");
        }
        Optional<String> missing = ExecutionProviders.unavailability(options.provider());
        return missing.map(why -> BackendProbe.unavailable(device, why, ""))
                .orElseGet(() -> BackendProbe.available(device));
    }

    @Override
    public EmbeddingBackend open(BackendRequest request) {
        BackendProbe probe = probe(request);
        if (!probe.available()) {
            throw new BackendUnavailableException(id() + ": " + probe.message());
        }
        return new OnnxRuntimeBackend(request.model(), effectiveOptions(request), probe.device(),
                request.maxBatchSize());
    }

    /** Runs any fixed-shape float32 model on the CPU, with the configured {@code onnxruntime} settings. */
    @Override
    public Optional<ModelRunner> openModelRunner(LoadedModel model, SectionSettings settings) {
        if (!OnnxRuntimeEnvironment.isAvailable()) {
            throw new BackendUnavailableException(id() + ": " + OnnxRuntimeEnvironment.unavailabilityReason());
        }
        return Optional.of(OrtModelRunner.open(model, settings.get(OnnxRuntimeOptions.SECTION)));
    }

    /** The configured options, on the CPU provider when the request is for the CPU. */
    private static OnnxRuntimeOptions effectiveOptions(BackendRequest request) {
        OnnxRuntimeOptions options = request.section(OnnxRuntimeOptions.SECTION);
        return request.device().isCpu() ? options.withProvider(ExecutionProvider.CPU) : options;
    }

    @Override
    public Map<String, String> versions() {
        return Map.of("ONNX Runtime", OnnxRuntimeEnvironment.isAvailable() ? OnnxRuntimeEnvironment.get().version()
                : "not loadable: " + OnnxRuntimeEnvironment.unavailabilityReason());
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!OnnxRuntimeEnvironment.isAvailable()) {
            m.put("library", null);
            m.put("version", null);
            return m;
        }
        OnnxRuntimeEnvironment ort = OnnxRuntimeEnvironment.get();
        m.put("library", ort.libraryDescription());
        m.put("version", ort.version());
        m.put("execution_providers", ort.availableProviders());
        m.put("build", ort.buildInfo());
        return m;
    }
}

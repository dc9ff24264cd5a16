package dev.faceembed.cli;

import dev.faceembed.Diagnostics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys every JSON result shares: the ones users of the original tool know ({@code backend},
 * {@code engine_path}, {@code precision}, {@code batch_size}, {@code embedding_dim}, ...) plus the fallback, the
 * versions of every native component, the model and the machine.
 */
final class DiagnosticsJson {
    private DiagnosticsJson() {
    }

    static Map<String, Object> of(Diagnostics d, int batchSize) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", d.backend());
        m.put("engine_path", d.enginePath().isEmpty() ? null : d.enginePath());
        m.put("precision", d.precision());
        m.put("batch_size", batchSize);
        m.put("embedding_dim", d.embeddingDim());
        m.put("device", d.device());
        Map<String, Object> fallback = new LinkedHashMap<>();
        fallback.put("requested", d.requestedBackend());
        fallback.put("used", !d.fallbackReason().isEmpty());
        fallback.put("reason", d.fallbackReason().isEmpty() ? null : d.fallbackReason());
        m.put("fallback", fallback);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", d.modelName());
        model.put("location", d.modelLocation());
        model.put("sha256", d.modelSha256());
        m.put("model", model);
        m.put("versions", new LinkedHashMap<>(d.versions()));
        m.put("settings", new LinkedHashMap<>(d.settings()));
        m.put("machine", MachineInfo.toJson());
        return m;
    }
}

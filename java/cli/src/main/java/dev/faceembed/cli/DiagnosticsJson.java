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
        Diagnostics.BackendInfo backend = d.backend();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backend", backend.name());
        m.put("engine_path", backend.enginePath().orElse(null));
        m.put("precision", backend.precision());
        m.put("batch_size", batchSize);
        m.put("embedding_dim", d.model().embeddingDim());
        m.put("device", backend.device().toString());
        m.put("device_description", backend.deviceDescription());
        Map<String, Object> fallback = new LinkedHashMap<>();
        fallback.put("requested", d.fallback().map(Diagnostics.Fallback::requested).orElse(backend.name()));
        fallback.put("used", d.fallback().isPresent());
        fallback.put("reason", d.fallback().map(Diagnostics.Fallback::reason).orElse(null));
        m.put("fallback", fallback);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", d.model().name());
        model.put("location", d.model().location());
        model.put("sha256", d.model().sha256());
        m.put("model", model);
        m.put("versions", new LinkedHashMap<>(backend.versions()));
        m.put("settings", new LinkedHashMap<>(backend.settings()));
        m.put("machine", MachineInfo.toJson());
        return m;
    }
}

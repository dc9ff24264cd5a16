package dev.faceembed.trt;

import dev.faceembed.files.AtomicFile;
import dev.faceembed.files.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code tensorrt.layer_profile}: when the backend closes, each runner's per-layer timings (TensorRT's IProfiler,
 * summed over every call) go to one JSON file, {@code {"runners": [{"runs", "total_ms", "layers": [...]}, ...]}},
 * written atomically.
 */
final class LayerProfile {
    private static final Logger LOG = LoggerFactory.getLogger(LayerProfile.class);

    private LayerProfile() {
    }

    /** What the backend does with its runners when it closes: write the profile to {@code file}, or nothing. */
    static Consumer<RunnerPool> writer(Path file) {
        if (file == null) {
            return runners -> { };
        }
        return runners -> {
            List<Object> profiles = new ArrayList<>();
            for (EngineRuntime.Runner runner : runners.made()) {
                profiles.add(Json.parse(runner.layerProfileJson(), "the layer profile of a runner"));
            }
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("runners", profiles);
            try {
                AtomicFile.writeString(file, Json.write(document));
                LOG.info("layer profile of {} runner(s) written to {}", profiles.size(), file);
            } catch (IOException e) {
                LOG.error("cannot write the layer profile {}: {}", file, e.toString());
            }
        };
    }
}

package dev.faceembed.trt;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FeStatus;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.faceembed.bindings.trt.FaceembedTrt.C_POINTER;

/**
 * Users' TensorRT plugin libraries ({@code tensorrt.plugin_libraries}), loaded once per process before a model is
 * parsed or an engine deserialised: a plugin registers itself with TensorRT when its library loads, and registering
 * it twice is an error.
 */
final class PluginLibraries {
    private static final Set<Path> LOADED = new HashSet<>();

    private PluginLibraries() {
    }

    /**
     * Loads those of {@code libraries} this process has not loaded yet.
     *
     * @throws BackendUnavailableException naming the library and TensorRT's reason
     */
    static synchronized void load(List<Path> libraries) {
        for (Path library : libraries) {
            Path path = library.toAbsolutePath().normalize();
            if (LOADED.contains(path)) {
                continue;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment paths = arena.allocate(C_POINTER);
                paths.set(C_POINTER, 0, arena.allocateFrom(path.toString()));
                if (FaceembedTrt.fe_tensorrt_load_plugins(paths, 1) != FeStatus.OK.value()) {
                    throw new BackendUnavailableException(TensorRtProvider.NAME + ": TensorRT plugin library " + path
                            + " (tensorrt.plugin_libraries) could not be loaded: "
                            + FaceembedTrt.fe_last_error().getString(0) + ". Check the path and that the library was"
                            + " built for this TensorRT version");
                }
            }
            LOADED.add(path);
        }
    }
}

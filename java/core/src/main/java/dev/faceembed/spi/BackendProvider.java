package dev.faceembed.spi;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.config.ConfigKey;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.model.LoadedModel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A backend, found with {@link java.util.ServiceLoader}: everything faceembed knows about one backend comes through
 * here, so adding a backend is adding a module with one implementation of this interface (listed in
 * {@code META-INF/services/dev.faceembed.spi.BackendProvider}, or {@code provides} in its module descriptor). The
 * configuration loader, {@code EmbeddingBackends}, the fallback chain and {@code embed info} ask providers; none of
 * them names a backend.
 */
public interface BackendProvider {

    /**
     * The name used in configuration ({@code embedding.backend}) and on the command line, e.g. {@code tensorrt}.
     *
     * @return the id, lower case, unique among the backends on the class path
     */
    String id();

    /**
     * One line saying what this backend is, for {@code embed info}.
     *
     * @return the description
     */
    String description();

    /**
     * Older names still accepted for this backend; using one logs a deprecation notice naming {@link #id()}.
     *
     * @return the aliases; empty by default
     */
    default List<String> deprecatedAliases() {
        return List.of();
    }

    /**
     * This backend's configuration: its keys (with defaults and documentation) and typed options.
     *
     * @return the sections; empty by default
     */
    default List<ConfigSection<?>> configSections() {
        return List.of();
    }

    /**
     * A boolean key that, when true in a configuration file, selects this backend unless {@code embedding.backend}
     * was set for the run (by a flag or an environment variable); e.g. {@code arcface_tensorrt.enabled}.
     *
     * @return the key, one of {@link #configSections()}'s; empty by default
     */
    default Optional<ConfigKey<Boolean>> enabledBy() {
        return Optional.empty();
    }

    /**
     * Whether the backend could run {@code request} here, cheaply and without side effects that last (no GPU
     * context, no model load, no engine build): what is missing, and how to fix it.
     *
     * @param request what would be opened
     * @return whether it could run, and if not why and the fix
     */
    BackendProbe probe(BackendRequest request);

    /**
     * Opens the backend, checking every step it needs in order.
     *
     * @param request the model, device, batch size and settings
     * @return an open backend; the caller closes it
     * @throws BackendUnavailableException naming the first step that failed and how to fix it (the fallback rule
     *                                     then applies)
     */
    EmbeddingBackend open(BackendRequest request);

    /**
     * Opens {@code model} for the stages in front of the embedder (the face detector and the landmark model): a
     * model whose inputs and outputs are float32 tensors of fixed shapes, run on the CPU with this backend's settings
     * from {@code settings}. Empty, the default, for a backend that runs embedders only.
     *
     * @param model    the model, found and checked
     * @param settings the options of every configuration section (the backend reads its own)
     * @return an open runner, which the caller closes; empty if this backend runs embedders only
     * @throws BackendUnavailableException    if this backend runs such models but cannot run here
     * @throws dev.faceembed.ModelException   if the model cannot be loaded or has other than fixed-shape float32
     *                                        inputs and outputs
     */
    default Optional<ModelRunner> openModelRunner(LoadedModel model, SectionSettings settings) {
        return Optional.empty();
    }

    /**
     * What {@code embed info} shows about this backend beyond its probe: library versions and paths, devices,
     * execution providers. Values are strings, numbers, booleans, {@code null}, lists and maps of them.
     *
     * @return the facts by name, in display order; empty by default
     */
    default Map<String, Object> describe() {
        return Map.of();
    }

    /**
     * The versions of the native components this backend runs on, by component name, for {@code embed --version}:
     * e.g. {@code "ONNX Runtime" -> "1.23.2"}, or why a component is missing ({@code "not found"}). Never throws.
     *
     * @return version or reason by component; empty by default
     */
    default Map<String, String> versions() {
        return Map.of();
    }
}

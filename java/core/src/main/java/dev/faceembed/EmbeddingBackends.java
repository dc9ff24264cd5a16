package dev.faceembed;

import dev.faceembed.spi.BackendProvider;
import dev.faceembed.spi.BackendRegistry;
import dev.faceembed.spi.BackendRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates backends, with the fallback rule: when the requested backend cannot run here and
 * {@link EmbeddingOptions#allowCpuFallback()} is set, the backends of {@link EmbeddingOptions#fallbackBackends()}
 * are tried in order on the CPU, and the first that opens runs instead; its {@link Diagnostics} say which step of
 * the requested backend failed and how to fix it. Otherwise (or when no fallback opens either) a
 * {@link BackendUnavailableException} with that same text is thrown.
 */
public final class EmbeddingBackends {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingBackends.class);

    private EmbeddingBackends() {
    }

    /**
     * The bundled model on the default backend with the default settings.
     *
     * @return an open backend; close it when done
     * @throws BackendUnavailableException if the default backend cannot run and no fallback could
     */
    public static EmbeddingBackend create() {
        return create(EmbeddingOptions.defaults());
    }

    /**
     * A backend for {@code options}, from the backends on the class path.
     *
     * @param options what to open
     * @return an open backend; close it when done
     * @throws IllegalArgumentException    if a backend named in the options is not on the class path
     * @throws BackendUnavailableException if the requested backend cannot run and no fallback (allowed) could
     */
    public static EmbeddingBackend create(EmbeddingOptions options) {
        return create(options, BackendRegistry.standard());
    }

    /**
     * A backend for {@code options} from {@code registry}.
     *
     * @param options  what to open
     * @param registry the backends to choose from
     * @return an open backend, or a fallback standing in for it; close it when done
     * @throws IllegalArgumentException    if a backend named in the options is not in the registry
     * @throws BackendUnavailableException if the requested backend cannot run and no fallback (allowed) could
     */
    public static EmbeddingBackend create(EmbeddingOptions options, BackendRegistry registry) {
        BackendProvider requested = provider(registry, options.backend());
        try {
            return requested.open(options.request());
        } catch (BackendUnavailableException e) {
            if (!options.allowCpuFallback()) {
                throw e;
            }
            return fallback(options, registry, requested, e);
        }
    }

    private static EmbeddingBackend fallback(EmbeddingOptions options, BackendRegistry registry,
                                             BackendProvider requested, BackendUnavailableException failure) {
        List<String> reasons = new ArrayList<>(List.of(failure.getMessage()));
        BackendRequest onCpu = options.request().onDevice(Device.cpu());
        for (String id : options.fallbackBackends()) {
            BackendProvider provider = provider(registry, id);
            if (provider == requested && options.device().isCpu()) {
                continue;
            }
            try {
                EmbeddingBackend backend = provider.open(onCpu);
                String reason = withoutPrefix(failure.getMessage(), requested.id());
                LOG.warn("{} cannot run here ({}); using {} on the CPU instead", requested.id(), reason, provider.id());
                return new FallbackBackend(backend, requested.id(), reason);
            } catch (BackendUnavailableException e) {
                reasons.add("fallback " + provider.id() + " on the CPU: " + e.getMessage());
            }
        }
        throw new BackendUnavailableException(String.join("; ", reasons), failure);
    }

    /** A backend's message names the backend first ({@code "tensorrt: ..."}); the fallback names it already. */
    private static String withoutPrefix(String message, String id) {
        return message.startsWith(id + ": ") ? message.substring(id.length() + 2) : message;
    }

    private static BackendProvider provider(BackendRegistry registry, String name) {
        return registry.find(name).orElseThrow(() -> new IllegalArgumentException(
                registry.unknownBackendMessage(name)));
    }
}

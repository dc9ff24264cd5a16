package dev.faceembed.spi;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The backends on the class path (or module path), by id and deprecated alias. */
public final class BackendRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(BackendRegistry.class);

    private final Map<String, BackendProvider> byId = new LinkedHashMap<>();
    private final Map<String, BackendProvider> byAlias = new LinkedHashMap<>();

    private BackendRegistry(List<BackendProvider> providers) {
        for (BackendProvider provider : providers) {
            String id = provider.id().toLowerCase(Locale.ROOT);
            if (byId.containsKey(id) || byAlias.containsKey(id)) {
                throw new IllegalStateException("two backends named " + id + ": " + byId.get(id) + " and "
                        + provider + "; remove one module from the class path");
            }
            byId.put(id, provider);
            for (String alias : provider.deprecatedAliases()) {
                byAlias.put(alias.toLowerCase(Locale.ROOT), provider);
            }
        }
    }

    /**
     * The providers {@link ServiceLoader} finds with the thread's context class loader (in a Spark executor: the
     * job's class loader).
     *
     * @return the registry
     * @throws IllegalStateException if two backends have the same id
     */
    public static BackendRegistry standard() {
        List<BackendProvider> providers = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(providers::add);
        return new BackendRegistry(providers);
    }

    /**
     * Exactly these providers.
     *
     * @param providers the backends, in the order {@link #providers()} lists them
     * @return the registry
     * @throws IllegalStateException if two backends have the same id
     */
    public static BackendRegistry of(List<BackendProvider> providers) {
        return new BackendRegistry(providers);
    }

    /**
     * Every provider, in discovery order.
     *
     * @return the providers, unmodifiable
     */
    public List<BackendProvider> providers() {
        return List.copyOf(byId.values());
    }

    /**
     * Every backend id, in discovery order.
     *
     * @return the ids, lower case, unmodifiable
     */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /**
     * The provider called {@code name} (an id, or a deprecated alias with a notice).
     *
     * @param name the id or alias, case-insensitive, surrounding white space ignored
     * @return the provider, or empty if none is called that
     */
    public Optional<BackendProvider> find(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        BackendProvider provider = byId.get(n);
        if (provider != null) {
            return Optional.of(provider);
        }
        provider = byAlias.get(n);
        if (provider != null) {
            LOG.warn("backend '{}' is deprecated: it is an alias of '{}'; write '{}'", n, provider.id(),
                    provider.id());
        }
        return Optional.ofNullable(provider);
    }

    /**
     * What to say when {@code name} names no backend here.
     *
     * @param name the name that was not found
     * @return a message listing the backends here and how to add one
     */
    public String unknownBackendMessage(String name) {
        StringBuilder message = new StringBuilder("unknown backend '" + name + "'; the backends here are " + ids());
        if (!byAlias.isEmpty()) {
            message.append(" (deprecated aliases: ").append(byAlias.keySet()).append(')');
        }
        return message.append(". A backend in another module (e.g. faceembed-tensorrt) must be on the class path")
                .toString();
    }
}

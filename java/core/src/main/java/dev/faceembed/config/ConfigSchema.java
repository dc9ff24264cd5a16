package dev.faceembed.config;

import dev.faceembed.spi.BackendProvider;
import dev.faceembed.spi.BackendRegistry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every configuration key of this installation: the shared keys of {@link PipelineKeys}, the face detector's
 * {@link DetectionKeys} and the sections of every backend on the class path.
 */
public final class ConfigSchema {
    private final BackendRegistry registry;
    private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
    private final List<ConfigSection<?>> sections = new ArrayList<>();

    private ConfigSchema(BackendRegistry registry) {
        this.registry = registry;
        PipelineKeys.ALL.forEach(this::add);
        DetectionKeys.ALL.forEach(this::add);
        for (BackendProvider provider : registry.providers()) {
            for (ConfigSection<?> section : provider.configSections()) {
                sections.add(section);
                section.keys().forEach(this::add);
            }
            provider.enabledBy().ifPresent(key -> {
                if (!keys.containsKey(key.path())) {
                    throw new IllegalStateException(provider.id() + ": enabledBy key " + key.path()
                            + " is not in one of its configuration sections");
                }
            });
        }
    }

    /**
     * The keys of the backends {@link BackendRegistry#standard()} finds.
     *
     * @return the schema
     * @throws IllegalStateException if two backends define the same key differently
     */
    public static ConfigSchema standard() {
        return of(BackendRegistry.standard());
    }

    /**
     * The shared keys and the keys of the backends in {@code registry}.
     *
     * @param registry the backends
     * @return the schema
     * @throws IllegalStateException if two backends define the same key differently, or a backend's enabling key is
     *                               not in its sections
     */
    public static ConfigSchema of(BackendRegistry registry) {
        return new ConfigSchema(registry);
    }

    private void add(ConfigKey<?> key) {
        ConfigKey<?> previous = keys.putIfAbsent(key.path(), key);
        if (previous != null && !previous.equals(key)) {
            throw new IllegalStateException("configuration key " + key.path() + " is defined twice");
        }
    }

    /**
     * The backends whose keys this schema holds.
     *
     * @return the registry
     */
    public BackendRegistry registry() {
        return registry;
    }

    /**
     * Every backend's configuration sections.
     *
     * @return the sections, unmodifiable, in registry order
     */
    public List<ConfigSection<?>> sections() {
        return List.copyOf(sections);
    }

    /**
     * Every key, shared keys first.
     *
     * @return the keys, unmodifiable
     */
    public Collection<ConfigKey<?>> keys() {
        return List.copyOf(keys.values());
    }

    /**
     * The key with a dotted path.
     *
     * @param path e.g. {@code embedding.backend}
     * @return the key, or empty if none has that path
     */
    public Optional<ConfigKey<?>> key(String path) {
        return Optional.ofNullable(keys.get(path));
    }

    /** The key read from environment variable {@code name}, if any. */
    Optional<ConfigKey<?>> keyOfVariable(String name) {
        return keys.values().stream().filter(k -> k.environmentVariable().equals(name)).findFirst();
    }

    /** True for a path that holds keys, e.g. {@code embedding} or {@code embedding.preprocessing}. */
    boolean isSection(String path) {
        String prefix = path + ".";
        return keys.keySet().stream().anyMatch(k -> k.startsWith(prefix));
    }

    /** The known key or section closest to a misspelt one, if one is close enough to be the likely intent. */
    Optional<String> nearest(String path) {
        Set<String> candidates = new TreeSet<>();
        for (String key : keys.keySet()) {
            for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1)) {
                candidates.add(key.substring(0, dot));
            }
            candidates.add(key);
        }
        return closest(path, candidates, path.substring(path.lastIndexOf('.') + 1).length());
    }

    /** The environment variable of a key closest to a misspelt one, if one is close enough. */
    Optional<String> nearestVariable(String name) {
        Set<String> candidates = new TreeSet<>();
        keys.values().forEach(k -> candidates.add(k.environmentVariable()));
        return closest(name, candidates, name.length() - "FACEEMBED_".length());
    }

    private static Optional<String> closest(String misspelt, Set<String> candidates, int significantLength) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : candidates) {
            int d = distance(misspelt, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        int allowed = Math.max(2, significantLength / 3);
        return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        return previous[b.length()];
    }
}

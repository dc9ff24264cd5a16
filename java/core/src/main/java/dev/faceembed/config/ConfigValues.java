package dev.faceembed.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The value of every key and where it came from. Built up in precedence order (defaults, files, environment
 * variables, flags; each later source replaces earlier values) by {@link PipelineConfigLoader}, then read only.
 */
public final class ConfigValues {
    private final Map<String, ConfigKey<?>> keys = new LinkedHashMap<>();
    private final Map<String, Object> values = new HashMap<>();
    private final Map<String, ConfigOrigin> origins = new LinkedHashMap<>();

    ConfigValues(Collection<? extends ConfigKey<?>> keys) {
        for (ConfigKey<?> key : keys) {
            this.keys.put(key.path(), key);
            values.put(key.path(), key.defaultValue());
            origins.put(key.path(), new ConfigOrigin.Default());
        }
    }

    /** Every key at its default. */
    static ConfigValues defaults(Collection<? extends ConfigKey<?>> keys) {
        return new ConfigValues(keys);
    }

    /**
     * The value of {@code key}.
     *
     * @param <T> the value's Java type
     * @param key the key
     * @return the value from the source with the highest precedence; null only where the key allows it
     * @throws IllegalArgumentException if the key is not part of this configuration (a backend's key while that
     *                                  backend is not on the class path)
     */
    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        requireKnown(key);
        return (T) values.get(key.path());
    }

    /**
     * Where the value of {@code key} came from.
     *
     * @param key the key
     * @return the default, a file line, an environment variable or a flag
     * @throws IllegalArgumentException if the key is not part of this configuration
     */
    public ConfigOrigin origin(ConfigKey<?> key) {
        requireKnown(key);
        return origins.get(key.path());
    }

    /**
     * Every key's origin, by path.
     *
     * @return an unmodifiable copy
     */
    public Map<String, ConfigOrigin> origins() {
        return Map.copyOf(origins);
    }

    boolean has(String path) {
        return keys.containsKey(path);
    }

    /** Reads {@code raw} with the key's type and records where it came from. */
    <T> void set(ConfigKey<T> key, RawValue raw, ConfigOrigin origin) {
        requireKnown(key);
        try {
            values.put(key.path(), key.type().read(raw));
        } catch (InvalidValueException e) {
            throw new ConfigException(e.describeAt(origin.toString(), key.path()), e);
        }
        origins.put(key.path(), origin);
    }

    /** Replaces a value already read, keeping its origin (a relative path resolved against its file's folder). */
    <T> void replace(ConfigKey<T> key, T value) {
        requireKnown(key);
        values.put(key.path(), value);
    }

    private void requireKnown(ConfigKey<?> key) {
        if (keys.get(key.path()) != key && !key.equals(keys.get(key.path()))) {
            throw new IllegalArgumentException("no configuration key " + key.path() + " here (is the backend that"
                    + " defines it on the class path?)");
        }
    }
}

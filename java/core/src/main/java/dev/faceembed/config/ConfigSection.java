package dev.faceembed.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A group of configuration keys read into one typed, immutable options value, e.g. the {@code onnxruntime} keys
 * into {@code OnnxRuntimeOptions}. Backends contribute their sections (see {@code BackendProvider}); the
 * configuration loader knows them only through this type.
 *
 * @param <O> the options type
 */
public final class ConfigSection<O> {
    private final String name;
    private final Class<O> type;
    private final List<ConfigKey<?>> keys;
    private final Function<ConfigValues, O> reader;
    private volatile O defaults;

    private ConfigSection(String name, Class<O> type, List<ConfigKey<?>> keys, Function<ConfigValues, O> reader) {
        this.name = name;
        this.type = type;
        this.keys = List.copyOf(keys);
        this.reader = reader;
    }

    /** Starts a section; {@code name} is how messages and {@code embed info} call it, e.g. {@code tensorrt}. */
    public static <O> Builder<O> builder(String name, Class<O> type) {
        return new Builder<>(name, type);
    }

    public String name() {
        return name;
    }

    public Class<O> type() {
        return type;
    }

    /** The keys this section reads (they may sit under several top-level YAML sections). */
    public List<ConfigKey<?>> keys() {
        return keys;
    }

    /**
     * Reads the options from configuration values.
     *
     * @throws ConfigException if keys contradict each other (the message names both and where each was set)
     */
    public O read(ConfigValues values) {
        return reader.apply(values);
    }

    /** The options when every key has its default. */
    public O defaults() {
        O d = defaults;
        if (d == null) {
            d = read(ConfigValues.defaults(keys));
            defaults = d;
        }
        return d;
    }

    @Override
    public String toString() {
        return "ConfigSection[" + name + "]";
    }

    /** Builds a {@link ConfigSection}. */
    public static final class Builder<O> {
        private final String name;
        private final Class<O> type;
        private final List<ConfigKey<?>> keys = new ArrayList<>();
        private Function<ConfigValues, O> reader;

        private Builder(String name, Class<O> type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder<O> key(ConfigKey<?> key) {
            keys.add(key);
            return this;
        }

        public Builder<O> keys(List<? extends ConfigKey<?>> more) {
            keys.addAll(more);
            return this;
        }

        /** How the options are made from the values of the keys. */
        public Builder<O> reader(Function<ConfigValues, O> read) {
            this.reader = read;
            return this;
        }

        public ConfigSection<O> build() {
            Objects.requireNonNull(reader, "reader");
            return new ConfigSection<>(name, type, keys, reader);
        }
    }
}

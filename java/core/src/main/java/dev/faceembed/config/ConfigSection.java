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

    /**
     * Starts a section.
     *
     * @param <O>  the options type
     * @param name how messages and {@code embed info} call the section, e.g. {@code tensorrt}
     * @param type the options type
     * @return a builder with no keys and no reader
     * @throws NullPointerException if {@code name} or {@code type} is null
     */
    public static <O> Builder<O> builder(String name, Class<O> type) {
        return new Builder<>(name, type);
    }

    /**
     * How messages and {@code embed info} call the section.
     *
     * @return the name, e.g. {@code tensorrt}
     */
    public String name() {
        return name;
    }

    /**
     * The options type.
     *
     * @return the class of the options this section reads
     */
    public Class<O> type() {
        return type;
    }

    /**
     * The keys this section reads (they may sit under several top-level YAML sections).
     *
     * @return the keys, unmodifiable, in the order they were added
     */
    public List<ConfigKey<?>> keys() {
        return keys;
    }

    /**
     * Reads the options from configuration values.
     *
     * @param values the values of (at least) this section's keys
     * @return the options, never null
     * @throws ConfigException if keys contradict each other (the message names both and where each was set)
     */
    public O read(ConfigValues values) {
        return reader.apply(values);
    }

    /**
     * The options when every key has its default; read once, then cached.
     *
     * @return the default options
     */
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

    /**
     * Builds a {@link ConfigSection}. Not thread-safe.
     *
     * @param <O> the options type
     */
    public static final class Builder<O> {
        private final String name;
        private final Class<O> type;
        private final List<ConfigKey<?>> keys = new ArrayList<>();
        private Function<ConfigValues, O> reader;

        private Builder(String name, Class<O> type) {
            this.name = Objects.requireNonNull(name, "name");
            this.type = Objects.requireNonNull(type, "type");
        }

        /**
         * Adds a key the section reads.
         *
         * @param key the key
         * @return this builder
         */
        public Builder<O> key(ConfigKey<?> key) {
            keys.add(key);
            return this;
        }

        /**
         * Adds keys the section reads, in order.
         *
         * @param more the keys
         * @return this builder
         */
        public Builder<O> keys(List<? extends ConfigKey<?>> more) {
            keys.addAll(more);
            return this;
        }

        /**
         * How the options are made from the values of the keys.
         *
         * @param read makes the options; may throw {@link ConfigException} for keys that contradict each other
         * @return this builder
         */
        public Builder<O> reader(Function<ConfigValues, O> read) {
            this.reader = read;
            return this;
        }

        /**
         * The section.
         *
         * @return a section with the keys added so far
         * @throws NullPointerException if no reader was set
         */
        public ConfigSection<O> build() {
            Objects.requireNonNull(reader, "reader");
            return new ConfigSection<>(name, type, keys, reader);
        }
    }
}

package dev.faceembed.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The options of configuration sections that were set; any other section has its defaults. Immutable. */
public final class SectionSettings {
    private static final SectionSettings EMPTY = new SectionSettings(Map.of());

    private final Map<ConfigSection<?>, Object> values;

    private SectionSettings(Map<ConfigSection<?>, Object> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Every section at its defaults.
     *
     * @return settings with no section set
     */
    public static SectionSettings defaults() {
        return EMPTY;
    }

    /**
     * The options of {@code section}: as set, else its defaults.
     *
     * @param <O>     the section's options type
     * @param section the section
     * @return the options, never null
     */
    public <O> O get(ConfigSection<O> section) {
        Object value = values.get(section);
        return value == null ? section.defaults() : section.type().cast(value);
    }

    /**
     * These settings with {@code section} set to {@code options}.
     *
     * @param <O>     the section's options type
     * @param section the section
     * @param options its options
     * @return new settings; these are unchanged
     * @throws NullPointerException if {@code options} is null
     */
    public <O> SectionSettings with(ConfigSection<O> section, O options) {
        Map<ConfigSection<?>, Object> next = new HashMap<>(values);
        next.put(section, Objects.requireNonNull(options, "options"));
        return new SectionSettings(next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SectionSettings other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}

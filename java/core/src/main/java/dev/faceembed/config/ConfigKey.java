package dev.faceembed.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configuration key: its dotted path in the YAML files (e.g. {@code embedding.allow_cpu_fallback}), how its
 * value is read, its default and what it means. The shipped files in {@code config/pipeline/} are tested against
 * these definitions: every key is there, with this default and this text in the comment above it.
 *
 * @param path         dotted path in the YAML files
 * @param type         how values are read and written
 * @param defaultValue the value when nothing sets it
 * @param doc          what the key means, as written in the comment above it in the shipped file
 * @param include      the value names another configuration file, read before the file that names it (so the
 *                     naming file's own entries win)
 * @param <T>          the value's Java type
 */
public record ConfigKey<T>(String path, ValueType<T> type, T defaultValue, String doc, boolean include) {
    private static final Pattern PATH = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    /**
     * Checks the key.
     *
     * @throws NullPointerException     if {@code path}, {@code type} or {@code doc} is null
     * @throws IllegalArgumentException if {@code path} is not lower-case words joined by dots, at least two
     */
    public ConfigKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        if (!PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("a key path is lower-case words joined by dots: " + path);
        }
    }

    /**
     * A key whose value is {@code defaultValue} unless set.
     *
     * @param <T>          the value's Java type
     * @param path         dotted path in the YAML files, e.g. {@code tensorrt.max_batch_size}
     * @param type         how values are read and written
     * @param defaultValue the value when nothing sets it
     * @param doc          what the key means
     * @return the key
     */
    public static <T> ConfigKey<T> of(String path, ValueType<T> type, T defaultValue, String doc) {
        return new ConfigKey<>(path, type, defaultValue, doc, false);
    }

    /**
     * A key naming another configuration file to read first; {@code null} reads none.
     *
     * @param path         dotted path in the YAML files
     * @param defaultValue the file when nothing sets it, or null
     * @param doc          what the key means
     * @return the key, of a nullable path type
     */
    public static ConfigKey<Path> include(String path, Path defaultValue, String doc) {
        return new ConfigKey<>(path, ValueType.nullable(ValueType.path()), defaultValue, doc, true);
    }

    /**
     * The environment variable that sets the key.
     *
     * @return {@code FACEEMBED_} + the path in upper case with dots as underscores
     */
    public String environmentVariable() {
        return "FACEEMBED_" + path.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /**
     * The top-level section, e.g. {@code tensorrt}.
     *
     * @return the path up to its first dot
     */
    public String section() {
        return path.substring(0, path.indexOf('.'));
    }

    /**
     * The default as it is written in YAML.
     *
     * @return the YAML spelling of {@link #defaultValue()}
     */
    public String defaultText() {
        return type.format(defaultValue);
    }

    @Override
    public String toString() {
        return path;
    }
}

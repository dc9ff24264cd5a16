package dev.faceembed.config;

import java.util.List;

/**
 * A configuration value before its key's {@link ValueType} reads it: a YAML scalar (with the type YAML's core schema
 * gives its plain spelling), a YAML list, a YAML block of keys, or the verbatim text of a command-line flag or an
 * environment variable, which is never read as YAML.
 */
public sealed interface RawValue {

    /**
     * What the value looks like, for error messages.
     *
     * @return e.g. {@code 'abc'}, {@code null} or {@code a list of 3}
     */
    String describe();

    /** How YAML's core schema reads a scalar; quoted scalars are always {@code STRING}. */
    enum YamlType {
        /** Text. */
        STRING,
        /** A whole number. */
        INTEGER,
        /** A number with a fraction, an exponent, or infinity or NaN. */
        DECIMAL,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** {@code null}, {@code ~} or no value. */
        NULL
    }

    /**
     * A scalar from a YAML file.
     *
     * @param text the scalar as written, without quotes
     * @param type how YAML reads it
     */
    record YamlScalar(String text, YamlType type) implements RawValue {
        @Override
        public String describe() {
            return type == YamlType.NULL ? "null" : "'" + text + "'";
        }
    }

    /**
     * A list from a YAML file.
     *
     * @param items the list's items, in order
     */
    record YamlList(List<RawValue> items) implements RawValue {
        /** Copies the items. */
        public YamlList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list of " + items.size();
        }
    }

    /** A block of keys from a YAML file, where a single value was expected. */
    record YamlBlock() implements RawValue {
        @Override
        public String describe() {
            return "a block of keys";
        }
    }

    /**
     * The text of a flag or environment variable, taken as it is.
     *
     * @param text the text
     */
    record Text(String text) implements RawValue {
        @Override
        public String describe() {
            return "'" + text + "'";
        }
    }
}

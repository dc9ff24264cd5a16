package dev.faceembed.config;

import java.util.List;
import java.util.Locale;

/**
 * One configuration key: its dotted path (e.g. {@code embedding.allow_cpu_fallback}), type, allowed values and
 * default.
 *
 * @param path         dotted path in the YAML files
 * @param type         value type
 * @param nullable     whether {@code null} is allowed
 * @param defaultValue value when nothing sets it
 * @param min          lowest allowed number (numbers only)
 * @param max          highest allowed number (numbers only)
 * @param choices      allowed words (CHOICE only), lower case
 */
record ConfigKey(String path, Type type, boolean nullable, Object defaultValue, double min, double max,
                 List<String> choices) {

    enum Type {
        TEXT("text"),
        BOOLEAN("true or false"),
        INTEGER("a whole number"),
        DECIMAL("a number"),
        PATH("a file path"),
        CHOICE("one of"),
        THREE_NUMBERS("a list of three numbers");

        final String description;

        Type(String description) {
            this.description = description;
        }
    }

    /** {@code FACEEMBED_} + the path in upper case with dots as underscores. */
    String environmentVariable() {
        return "FACEEMBED_" + path.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    String expected() {
        String what = type == Type.CHOICE ? "one of " + choices : type.description;
        if (type == Type.INTEGER || type == Type.DECIMAL) {
            what += " in " + format(min) + ".." + format(max);
        }
        return nullable ? what + " (or null)" : what;
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

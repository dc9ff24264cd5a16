package dev.faceembed.files;

import java.util.Collection;
import java.util.Map;

/**
 * JSON (RFC 8259) for faceembed's machine-readable files and output. The writer takes maps (keys in map order),
 * collections, strings, numbers, booleans and nulls. The reader is strict, since the documents it reads (engine
 * sidecars from a shared S3 bucket, among others) decide what gets loaded: a duplicate key, trailing text, a
 * control character inside a string or nesting deeper than {@value JsonReader#MAX_DEPTH} is an error, never a
 * silent choice.
 */
public final class Json {
    private Json() {
    }

    /**
     * {@code value} as indented JSON, with a final newline. Non-finite numbers are written as {@code null}.
     *
     * @param value a map, collection, string, number, boolean or {@code null}, nested as deep as needed
     * @return the JSON text
     */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.append('\n').toString();
    }

    /**
     * {@code text} as one JSON string literal, quotes included.
     *
     * @param text any string
     * @return the literal
     */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        string(text, out);
        return out.toString();
    }

    /**
     * Parses a JSON document: objects become insertion-ordered {@code Map<String, Object>}, arrays {@code List},
     * numbers {@code Integer}, {@code Long} or {@code Double} (the narrowest that holds them exactly), and
     * {@code true}/{@code false}/{@code null} what they say.
     *
     * @param text   the document
     * @param origin names the document in error messages
     * @return its value
     * @throws JsonException naming the line, column and problem
     */
    public static Object parse(String text, String origin) {
        return new JsonReader(text, origin).document();
    }

    /**
     * Parses a document that must be a JSON object.
     *
     * @param text   the document
     * @param origin names the document in error messages
     * @return its members, in document order
     * @throws JsonException if it is malformed or not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text, String origin) {
        Object root = parse(text, origin);
        if (!(root instanceof Map<?, ?>)) {
            throw new JsonException(origin + " is not a JSON object");
        }
        return (Map<String, Object>) root;
    }

    private static void write(Object value, StringBuilder out, int indent) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Boolean b -> out.append(b);
            case Double d -> out.append(Double.isFinite(d) ? Double.toString(d) : "null");
            case Float f -> out.append(Float.isFinite(f) ? Float.toString(f) : "null");
            case Number n -> out.append(n);
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (var e : map.entrySet()) {
                    out.append(first ? "\n" : ",\n").append("  ".repeat(indent + 1));
                    string(String.valueOf(e.getKey()), out);
                    out.append(": ");
                    write(e.getValue(), out, indent + 1);
                    first = false;
                }
                out.append(first ? "}" : "\n" + "  ".repeat(indent) + "}");
            }
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object item : list) {
                    out.append(first ? "" : ", ");
                    write(item, out, indent + 1);
                    first = false;
                }
                out.append(']');
            }
            default -> string(value.toString(), out);
        }
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

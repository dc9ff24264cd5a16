package dev.faceembed.cli;

/**
 * File names as one line of text: a name may hold any character but {@code /} and NUL, newlines included, so
 * lists of names (one per line) escape backslash as {@code \\}, newline, carriage return and tab as {@code \n},
 * {@code \r}, {@code \t}, and any other control character as {@code \xNN} (or {@code \\uNNNN} above 0xFF).
 */
final class FileNames {
    private FileNames() {
    }

    static String escape(String name) {
        StringBuilder out = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String replacement = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
                        ? (c <= 0xFF ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c)) : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(name.length() + 8).append(name, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? name : out.toString();
    }
}

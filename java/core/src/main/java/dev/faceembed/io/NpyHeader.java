package dev.faceembed.io;

import dev.faceembed.InvalidInputException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The header of a {@code .npy} file, parsed as the Python literal it is (a dict with exactly the keys
 * {@code 'descr'}, {@code 'fortran_order'} and {@code 'shape'}), as strictly as NumPy's own reader: a duplicate or
 * unknown key, a negative or non-integer dimension, a Python 2 {@code 2L}, a shape whose size overflows, or text
 * after the dict is an error naming the field.
 *
 * @param descr        the dtype string, e.g. {@code <f4}
 * @param fortranOrder whether the data is in Fortran (column-major) order
 * @param shape        the dimensions
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** Number of elements; overflow is an error. */
    long elements(String where) {
        long n = 1;
        for (long d : shape) {
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new InvalidInputException(where + ": .npy header field 'shape' " + shapeText()
                        + " has more elements than a file can hold");
            }
        }
        return n;
    }

    String shapeText() {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return s.append(shape.length == 1 ? ",)" : ")").toString();
    }

    static NpyHeader parse(String text, String where) {
        return new Parser(text, where).header();
    }

    /** A recursive-descent reader of the Python literal subset NumPy writes. */
    private static final class Parser {
        private final String text;
        private final String where;
        private int pos;

        Parser(String text, String where) {
            this.text = text;
            this.where = where;
        }

        NpyHeader header() {
            skipSpace();
            expect('{', "the header must be a Python dict");
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            Set<String> seen = new HashSet<>();
            while (true) {
                skipSpace();
                if (peek() == '}') {
                    pos++;
                    break;
                }
                String key = string("a dict key");
                if (!KEYS.contains(key)) {
                    throw error("unknown key '" + key + "' (a .npy header has 'descr', 'fortran_order' and 'shape')");
                }
                if (!seen.add(key)) {
                    throw error("duplicate key '" + key + "'");
                }
                skipSpace();
                expect(':', "expected ':' after '" + key + "'");
                skipSpace();
                switch (key) {
                    case "descr" -> descr = string("field 'descr'");
                    case "fortran_order" -> fortran = bool();
                    default -> shape = tuple();
                }
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}' after '" + key + "'");
                }
            }
            skipSpace();
            if (pos != text.length()) {
                throw error("text after the header dict");
            }
            for (String key : KEYS) {
                if (!seen.contains(key)) {
                    throw error("missing key '" + key + "'");
                }
            }
            return new NpyHeader(descr, fortran, shape);
        }

        private String string(String what) {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted string for " + what);
            }
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw error("unterminated string for " + what);
            }
            String value = text.substring(pos + 1, end);
            if (value.indexOf('\\') >= 0) {
                throw error("escapes are not allowed in " + what);
            }
            pos = end + 1;
            return value;
        }

        private boolean bool() {
            if (text.startsWith("True", pos)) {
                pos += 4;
                return true;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return false;
            }
            throw error("field 'fortran_order' must be True or False");
        }

        private long[] tuple() {
            expect('(', "field 'shape' must be a tuple, e.g. (2, 112, 112, 3)");
            List<Long> dims = new ArrayList<>();
            while (true) {
                skipSpace();
                if (peek() == ')') {
                    pos++;
                    break;
                }
                dims.add(dimension());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else if (peek() != ')') {
                    throw error("field 'shape': expected ',' or ')' after a dimension");
                }
            }
            return dims.stream().mapToLong(Long::longValue).toArray();
        }

        private long dimension() {
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == start) {
                throw error("field 'shape': dimensions must be non-negative integers, got '"
                        + text.substring(start, Math.min(text.length(), start + 12)).strip() + "'");
            }
            if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                throw error("field 'shape': '" + text.substring(start, pos + 1) + "' is not an integer (a Python 2"
                        + " long?)");
            }
            try {
                return Long.parseLong(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("field 'shape': dimension " + text.substring(start, pos) + " is too large");
            }
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void expect(char c, String problem) {
            if (peek() != c) {
                throw error(problem);
            }
            pos++;
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private InvalidInputException error(String problem) {
            return new InvalidInputException(where + ": .npy header: " + problem);
        }
    }
}

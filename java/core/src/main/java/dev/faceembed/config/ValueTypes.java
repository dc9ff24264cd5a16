package dev.faceembed.config;

import dev.faceembed.Device;
import dev.faceembed.config.RawValue.Text;
import dev.faceembed.config.RawValue.YamlList;
import dev.faceembed.config.RawValue.YamlScalar;
import dev.faceembed.config.RawValue.YamlType;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The implementations of {@link ValueType}. */
final class ValueTypes {
    static final ValueType<String> TEXT = new TextType();
    static final ValueType<Path> PATH = new PathType();
    static final ValueType<Boolean> BOOLEAN = new BooleanType();
    static final ValueType<List<String>> WORDS = new ListOf<>(new Word(), "a list of names");
    static final ValueType<Device> DEVICE = new DeviceType();
    static final ValueType<List<Path>> PATHS = new ListOf<>(PATH, "a list of file paths");

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d[\\d_]*\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern WHOLE = Pattern.compile("[-+]?\\d[\\d_]*");

    private ValueTypes() {
    }

    /** The text of a scalar from a file or a flag; anything else is the wrong kind. */
    private static String scalarText(RawValue raw, String expected) {
        return switch (raw) {
            case YamlScalar s when s.type() != YamlType.NULL -> s.text();
            case Text t -> t.text();
            default -> throw InvalidValueException.wrongKind(expected, raw.describe());
        };
    }

    private static final class TextType implements ValueType<String> {
        @Override
        public String read(RawValue raw) {
            String text = scalarText(raw, expected());
            if (text.isBlank()) {
                throw InvalidValueException.wrongKind(expected(), "an empty value");
            }
            return text;
        }

        @Override
        public String expected() {
            return "text";
        }

        @Override
        public String format(String value) {
            return value;
        }
    }

    private static final class PathType implements ValueType<Path> {
        @Override
        public Path read(RawValue raw) {
            String text = scalarText(raw, expected());
            if (text.isBlank()) {
                throw InvalidValueException.wrongKind(expected(), "an empty value");
            }
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw InvalidValueException.wrongKind(expected(), raw.describe() + " (" + e.getReason() + ")");
            }
        }

        @Override
        public String expected() {
            return "a file path";
        }

        @Override
        public String format(Path value) {
            return value.toString();
        }
    }

    private static final class DeviceType implements ValueType<Device> {
        @Override
        public Device read(RawValue raw) {
            try {
                return Device.parse(scalarText(raw, expected()));
            } catch (IllegalArgumentException e) {
                throw InvalidValueException.wrongKind(expected(), raw.describe());
            }
        }

        @Override
        public String expected() {
            return "cpu or cuda:<index>";
        }

        @Override
        public String format(Device value) {
            return value.toString();
        }
    }

    private static final class BooleanType implements ValueType<Boolean> {
        @Override
        public Boolean read(RawValue raw) {
            if (raw instanceof YamlScalar s && s.type() != YamlType.BOOLEAN) {
                throw InvalidValueException.wrongKind(expected(), raw.describe());
            }
            return switch (scalarText(raw, expected()).strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "y" -> true;
                case "false", "no", "off", "n" -> false;
                default -> throw InvalidValueException.wrongKind(expected(), raw.describe());
            };
        }

        @Override
        public String expected() {
            return "true or false";
        }

        @Override
        public String format(Boolean value) {
            return value.toString();
        }
    }

    record WholeNumber(int min, int max) implements ValueType<Integer> {
        @Override
        public Integer read(RawValue raw) {
            String text = scalarText(raw, expected()).strip();
            boolean wrongYamlType = raw instanceof YamlScalar s && s.type() != YamlType.INTEGER;
            if (wrongYamlType || !WHOLE.matcher(text).matches()) {
                throw InvalidValueException.wrongKind(expected(), raw.describe());
            }
            long value;
            try {
                value = Long.parseLong(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw InvalidValueException.outOfRange(expected(), text);
            }
            if (value < min || value > max) {
                throw InvalidValueException.outOfRange(expected(), text);
            }
            return (int) value;
        }

        @Override
        public String expected() {
            return "a whole number in " + min + ".." + max;
        }

        @Override
        public String format(Integer value) {
            return value.toString();
        }
    }

    record Decimal(double min, double max) implements ValueType<Double> {
        @Override
        public Double read(RawValue raw) {
            String text = scalarText(raw, expected()).strip();
            boolean wrongYamlType = raw instanceof YamlScalar s && s.type() != YamlType.INTEGER
                    && s.type() != YamlType.DECIMAL;
            if (wrongYamlType || !DECIMAL.matcher(text).matches()) {
                throw InvalidValueException.wrongKind(expected(), raw.describe());
            }
            double value = Double.parseDouble(text.replace("_", ""));
            if (!Double.isFinite(value) || value < min || value > max) {
                throw InvalidValueException.outOfRange(expected(), text);
            }
            return value;
        }

        @Override
        public String expected() {
            return "a number in " + number(min) + ".." + number(max);
        }

        @Override
        public String format(Double value) {
            return number(value);
        }
    }

    record Choice(List<String> words) implements ValueType<String> {
        Choice {
            words = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
        }

        @Override
        public String read(RawValue raw) {
            String word = scalarText(raw, expected()).strip().toLowerCase(Locale.ROOT);
            if (!words.contains(word)) {
                throw InvalidValueException.wrongKind(expected(), raw.describe());
            }
            return word;
        }

        @Override
        public String expected() {
            return "one of " + words;
        }

        @Override
        public String format(String value) {
            return value;
        }
    }

    record Numbers(int count, Decimal item) implements ValueType<List<Double>> {
        @Override
        public List<Double> read(RawValue raw) {
            List<RawValue> items = switch (raw) {
                case YamlList list -> list.items();
                case Text text -> textItems(text.text());
                default -> throw InvalidValueException.wrongKind(expected(), raw.describe());
            };
            if (items.size() == 1 && raw instanceof Text) {
                items = List.of(items.getFirst(), items.getFirst(), items.getFirst()).subList(0, Math.min(3, count));
            }
            if (items.size() != count) {
                throw InvalidValueException.wrongKind(expected(), raw.describe());
            }
            List<Double> numbers = new ArrayList<>();
            for (RawValue value : items) {
                try {
                    numbers.add(item.read(value));
                } catch (InvalidValueException e) {
                    throw InvalidValueException.wrongKind(expected(), raw.describe());
                }
            }
            return List.copyOf(numbers);
        }

        @Override
        public String expected() {
            return "a list of " + count + " numbers in " + number(item.min()) + ".." + number(item.max());
        }

        @Override
        public String format(List<Double> value) {
            return value.stream().map(ValueTypes::number).toList().toString();
        }
    }

    /** A list whose items are each read by {@code item}: a YAML list, or in a flag items separated by commas. */
    record ListOf<T>(ValueType<T> item, String expected) implements ValueType<List<T>> {
        @Override
        public List<T> read(RawValue raw) {
            List<RawValue> items = switch (raw) {
                case YamlList list -> list.items();
                case Text text -> textItems(text.text());
                default -> throw InvalidValueException.wrongKind(expected, raw.describe());
            };
            List<T> values = new ArrayList<>();
            for (RawValue value : items) {
                try {
                    values.add(item.read(value));
                } catch (InvalidValueException e) {
                    throw InvalidValueException.wrongKind(expected, raw.describe());
                }
            }
            return List.copyOf(values);
        }

        @Override
        public String format(List<T> value) {
            return value.stream().map(item::format).toList().toString();
        }
    }

    /** A name, read in lower case. */
    private static final class Word implements ValueType<String> {
        @Override
        public String read(RawValue raw) {
            return TEXT.read(raw).strip().toLowerCase(Locale.ROOT);
        }

        @Override
        public String expected() {
            return "a name";
        }

        @Override
        public String format(String value) {
            return value;
        }
    }

    record Nullable<T>(ValueType<T> type) implements ValueType<T> {
        @Override
        public T read(RawValue raw) {
            boolean verbatim = type == TEXT || type == PATH;
            if (raw instanceof YamlScalar s && s.type() == YamlType.NULL
                    || raw instanceof Text t && !verbatim && t.text().strip().equals("null")) {
                return null;
            }
            try {
                return type.read(raw);
            } catch (InvalidValueException e) {
                throw e.expecting(expected());
            }
        }

        @Override
        public String expected() {
            return type.expected() + " (or null)";
        }

        @Override
        public String format(T value) {
            return value == null ? "null" : type.format(value);
        }
    }

    /** "a, b, c" or "[a, b, c]" from a flag, as verbatim items. */
    private static List<RawValue> textItems(String text) {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isBlank()) {
            return List.of();
        }
        List<RawValue> items = new ArrayList<>();
        for (String part : s.split(",", -1)) {
            items.add(new Text(part.strip()));
        }
        return items;
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}

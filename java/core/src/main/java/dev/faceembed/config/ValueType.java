package dev.faceembed.config;

import dev.faceembed.Device;

import java.nio.file.Path;
import java.util.List;

/**
 * How one configuration key's value is read and written: from a YAML file by its YAML type, from a flag or an
 * environment variable by the key's own rules (text and paths verbatim, never as YAML), and back to YAML for docs.
 *
 * @param <T> the Java type of the value
 */
public interface ValueType<T> {

    /**
     * Reads a value.
     *
     * @param raw the value as the file, flag or environment variable gave it
     * @return the value; null only for a {@link #nullable} type
     * @throws InvalidValueException if it does not fit this type
     */
    T read(RawValue raw);

    /**
     * What a valid value looks like, e.g. {@code a whole number in 1..4096}.
     *
     * @return the description, for error messages and docs
     */
    String expected();

    /**
     * The value as it is written in a YAML file, e.g. {@code [127.5, 127.5, 127.5]} or {@code null}.
     *
     * @param value a value of this type; null only for a {@link #nullable} type
     * @return the YAML spelling
     */
    String format(T value);

    /**
     * Any non-empty text, e.g. a device name.
     *
     * @return the type
     */
    static ValueType<String> text() {
        return ValueTypes.TEXT;
    }

    /**
     * A file or folder path, taken verbatim from flags and variables.
     *
     * @return the type
     */
    static ValueType<Path> path() {
        return ValueTypes.PATH;
    }

    /**
     * {@code cpu} or {@code cuda:<index>}.
     *
     * @return the type
     */
    static ValueType<Device> device() {
        return ValueTypes.DEVICE;
    }

    /**
     * {@code true} or {@code false}.
     *
     * @return the type
     */
    static ValueType<Boolean> bool() {
        return ValueTypes.BOOLEAN;
    }

    /**
     * A whole number in {@code min..max}.
     *
     * @param min smallest value allowed
     * @param max largest value allowed
     * @return the type
     */
    static ValueType<Integer> integer(int min, int max) {
        return new ValueTypes.WholeNumber(min, max);
    }

    /**
     * A finite number in {@code min..max}.
     *
     * @param min smallest value allowed
     * @param max largest value allowed
     * @return the type
     */
    static ValueType<Double> decimal(double min, double max) {
        return new ValueTypes.Decimal(min, max);
    }

    /**
     * One of {@code words}, case-insensitive; read as lower case.
     *
     * @param words the allowed values, in lower case
     * @return the type
     */
    static ValueType<String> choice(String... words) {
        return new ValueTypes.Choice(List.of(words));
    }

    /**
     * A list of {@code count} finite numbers in {@code min..max}: a YAML list, or in a flag one number (for all) or
     * {@code count} numbers separated by commas.
     *
     * @param count how many numbers the list has
     * @param min   smallest value allowed for each
     * @param max   largest value allowed for each
     * @return the type
     */
    static ValueType<List<Double>> numbers(int count, double min, double max) {
        return new ValueTypes.Numbers(count, new ValueTypes.Decimal(min, max));
    }

    /**
     * A list of file paths: a YAML list, or in a flag paths separated by commas; each taken verbatim.
     *
     * @return the type
     */
    static ValueType<List<Path>> paths() {
        return ValueTypes.PATHS;
    }

    /**
     * A list of words: a YAML list, or in a flag words separated by commas.
     *
     * @return the type
     */
    static ValueType<List<String>> words() {
        return ValueTypes.WORDS;
    }

    /**
     * {@code type} or {@code null}: YAML's {@code null}/{@code ~}/empty value in a file; in a flag, the word
     * {@code null} for types other than text and paths (for those, every spelling is a value).
     *
     * @param <T>  the value's Java type
     * @param type the type of the non-null values
     * @return the type
     */
    static <T> ValueType<T> nullable(ValueType<T> type) {
        return new ValueTypes.Nullable<>(type);
    }
}

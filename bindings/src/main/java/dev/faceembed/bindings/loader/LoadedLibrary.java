package dev.faceembed.bindings.loader;

import java.lang.foreign.SymbolLookup;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A native library that is loaded for the life of the process, and where it came from.
 *
 * @param lookup   finds the library's symbols
 * @param location the file that was loaded, or the bare name handed to the dynamic linker
 * @param source   how it was found
 * @param from     what named it: the property or variable, the class path resource's URL, or null for the system
 *                 library path
 * @param variant  the platform variant folder it was extracted from (e.g. {@code linux-x86_64-cuda13}), or null
 *                 when it did not come from the class path
 */
public record LoadedLibrary(SymbolLookup lookup, String location, Source source, String from, String variant) {

    /** How a library was found. */
    public enum Source {
        SYSTEM_PROPERTY("system property"),
        ENVIRONMENT_VARIABLE("environment variable"),
        CLASS_PATH("class path"),
        SYSTEM_LIBRARY_PATH("system library path");

        private final String words;

        Source(String words) {
            this.words = words;
        }

        /** {@code "class path"}, ...: also its name in {@link #describe()}, with {@code _} for spaces. */
        public String words() {
            return words;
        }
    }

    /** How it was found, in words for messages: {@code class path URL (variant v, extracted to FILE)}. */
    public String origin() {
        return switch (source) {
            case CLASS_PATH -> words() + " " + from + " (variant " + variant + ", extracted to " + location + ")";
            case SYSTEM_LIBRARY_PATH -> words();
            default -> words() + " " + from;
        };
    }

    /**
     * The file and how it was found, in one line for logs and settings.
     *
     * @return {@code FILE (class path URL, variant v)}, {@code FILE (environment variable NAME)}, ...
     */
    public String summary() {
        String how = switch (source) {
            case CLASS_PATH -> words() + " " + from + ", variant " + variant;
            case SYSTEM_LIBRARY_PATH -> words();
            default -> words() + " " + from;
        };
        return location + " (" + how + ")";
    }

    private String words() {
        return source.words();
    }

    /** As separate fields for machines ({@code embed info --json}): path, source, from, variant. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", location);
        m.put("source", source.words().replace(' ', '_'));
        m.put("from", from);
        m.put("variant", variant);
        return m;
    }
}

package dev.faceembed.config;

import java.nio.file.Path;

/** Where a configuration value came from, in increasing precedence. */
public sealed interface ConfigOrigin {

    /**
     * Whether the user chose the value for this run.
     *
     * @return true for a flag or an environment variable, false for a file or default
     */
    default boolean isPerRun() {
        return this instanceof Environment || this instanceof Flag;
    }

    /** The key's built-in default. */
    record Default() implements ConfigOrigin {
        @Override
        public String toString() {
            return "default";
        }
    }

    /**
     * A line of a configuration file.
     *
     * @param file the file
     * @param line the line number, from 1
     */
    record File(Path file, int line) implements ConfigOrigin {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /**
     * An environment variable.
     *
     * @param variable its name, e.g. {@code FACEEMBED_EMBEDDING_DEVICE}
     */
    record Environment(String variable) implements ConfigOrigin {
        @Override
        public String toString() {
            return "environment variable " + variable;
        }
    }

    /**
     * A command-line flag (or another per-run override, such as a Spark job's).
     *
     * @param flag the flag as the user wrote it, e.g. {@code --device}
     */
    record Flag(String flag) implements ConfigOrigin {
        @Override
        public String toString() {
            return "command-line flag " + flag;
        }
    }
}

package dev.faceembed.config;

import java.nio.file.Path;

/** Where a configuration value came from, in increasing precedence. */
public sealed interface ConfigOrigin {

    /** True for a value the user chose for this run (a flag or an environment variable), not a file or default. */
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

    /** A line of a configuration file. */
    record File(Path file, int line) implements ConfigOrigin {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** An environment variable. */
    record Environment(String variable) implements ConfigOrigin {
        @Override
        public String toString() {
            return "environment variable " + variable;
        }
    }

    /** A command-line flag (or another per-run override, such as a Spark job's). */
    record Flag(String flag) implements ConfigOrigin {
        @Override
        public String toString() {
            return "command-line flag " + flag;
        }
    }
}

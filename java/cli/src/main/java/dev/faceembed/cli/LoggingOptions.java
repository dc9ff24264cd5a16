package dev.faceembed.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code -v} and {@code -q}, accepted by every command. */
final class LoggingOptions {
    private static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

    static boolean verbose;
    static boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log debug details, and print stack traces of errors.")
    void setVerbose(boolean value) {
        verbose = value;
        if (value) {
            System.setProperty(LEVEL_PROPERTY, "debug");
        }
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Only print errors and results; no progress bar.")
    void setQuiet(boolean value) {
        quiet = value;
        if (value && !verbose) {
            System.setProperty(LEVEL_PROPERTY, "error");
        }
    }
}

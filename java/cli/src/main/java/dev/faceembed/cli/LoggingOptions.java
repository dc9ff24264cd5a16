package dev.faceembed.cli;

import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code -v} and {@code -q}, accepted by every command. */
final class LoggingOptions {
    private static final String LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";
    /**
     * The library logs a fallback as a warning; every command reports it in its own output (a result line, the
     * JSON, or a warning of its own), so the CLI keeps the library's to {@code -v} and the reason is said once.
     */
    private static final String FALLBACK_LOGGER = "org.slf4j.simpleLogger.log.dev.faceembed.EmbeddingBackends";

    static boolean verbose;
    static boolean quiet;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log debug details, and print stack traces of errors.")
    void setVerbose(boolean value) {
        verbose = value;
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Only print warnings, errors and results; no progress bar.")
    void setQuiet(boolean value) {
        quiet = value;
    }

    /**
     * Sets the log levels from the command line before any logger exists: SLF4J's simple logger reads its settings
     * once, when the first logger is made, which is before picocli has parsed anything. Levels a user set with
     * {@code -D} win.
     */
    static void configure(String[] args) {
        boolean v = false;
        boolean q = false;
        for (String arg : args) {
            if (arg.equals("--")) {
                break;
            }
            v |= arg.equals("--verbose") || isShortCluster(arg) && arg.indexOf('v') > 0;
            q |= arg.equals("--quiet") || isShortCluster(arg) && arg.indexOf('q') > 0;
        }
        if (v) {
            System.setProperty(LEVEL_PROPERTY, "debug");
        } else if (q && System.getProperty(LEVEL_PROPERTY) == null) {
            System.setProperty(LEVEL_PROPERTY, "warn");
        }
        if (!v && System.getProperty(FALLBACK_LOGGER) == null) {
            System.setProperty(FALLBACK_LOGGER, "error");
        }
    }

    /** {@code -q}, {@code -vq}: single-letter options given together. */
    private static boolean isShortCluster(String arg) {
        return arg.length() > 1 && arg.charAt(0) == '-' && arg.charAt(1) != '-' && arg.chars().skip(1)
                .allMatch(Character::isLetter);
    }
}

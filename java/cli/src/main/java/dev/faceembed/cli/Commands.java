package dev.faceembed.cli;

import java.util.List;
import java.util.Set;

/**
 * The names of embed's commands and which of them a command line reaches, read without picocli: {@link EmbedCli}
 * builds only those, and {@link EmbedJar} starts a JVM with the AOT cache only for those that open a backend.
 */
final class Commands {
    /** The commands, in the order {@code --help} lists them. */
    static final List<String> ALL = List.of("info", "encode", "detect", "benchmark", "compare", "build", "cache",
            "help");

    private static final Set<String> VERSION = Set.of("-V", "--version");
    private static final Set<String> OPEN_A_BACKEND = Set.of("info", "encode", "detect", "benchmark", "compare",
            "build");

    private Commands() {
    }

    /**
     * The commands that {@code args} can reach: the one named by the first argument that is not an option (the
     * top-level options take no values), none for a lone {@code --version}, else all of them (help, usage errors).
     */
    static List<String> reachable(String[] args) {
        if (args.length == 1 && VERSION.contains(args[0])) {
            return List.of();
        }
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return ALL.contains(arg) && !arg.equals("help") ? List.of(arg) : ALL;
            }
        }
        return ALL;
    }

    /** Whether {@code args} run a command that opens a backend (and only then pays for starting a second JVM). */
    static boolean opensBackend(String[] args) {
        List<String> reached = reachable(args);
        return reached.size() == 1 && OPEN_A_BACKEND.contains(reached.getFirst());
    }
}

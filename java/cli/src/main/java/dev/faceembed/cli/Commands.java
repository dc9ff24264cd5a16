package dev.faceembed.cli;

import java.util.List;
import java.util.Set;

/**
 * The names of embed's commands and which of them a command line reaches, read without picocli: {@link EmbedCli}
 * builds only those.
 */
final class Commands {
    /** The commands, in the order {@code --help} lists them. */
    static final List<String> ALL = List.of("info", "encode", "benchmark", "compare", "build", "cache", "help");

    private static final Set<String> VERSION = Set.of("-V", "--version");

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
}

package dev.faceembed.cli;

import dev.faceembed.FaceembedVersion;
import dev.faceembed.spi.BackendProvider;
import dev.faceembed.spi.BackendRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar embed.jar <command>}: the entry point. Only {@link #main} calls {@code System.exit}.
 *
 * <p>picocli reads every option of a command by reflection when the command is added, which costs a new JVM more than
 * a one-image {@code encode} spends on anything else of its own. So only the commands a command line can reach are
 * built ({@link Commands#reachable}): the one it names, none for {@code --version}, all of them for help and usage
 * errors.
 */
@Command(name = "embed", mixinStandardHelpOptions = true, versionProvider = EmbedCli.Version.class,
        description = "Face crops to L2-normalised embeddings from the JVM (ONNX Runtime through FFM, no JNI).",
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.RUNTIME_LINE, ExitCodes.USAGE_LINE,
                "3:compare: drift over tolerance", ExitCodes.UNAVAILABLE_LINE})
public final class EmbedCli implements Runnable {
    @Mixin
    LoggingOptions logging;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code, writing to {@code out} and {@code err}. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        LoggingOptions.configure(args);
        CommandLine cli = commandLine(Commands.reachable(args));
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    /** The whole command tree. */
    static CommandLine commandLine() {
        return commandLine(Commands.ALL);
    }

    private static CommandLine commandLine(List<String> names) {
        CommandLine cli = new CommandLine(new EmbedCli());
        for (String name : names) {
            cli.addSubcommand(name, command(name));
        }
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(new ExitCodes());
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            commandLine.getErr().println("embed: " + exception.getMessage());
            if (LoggingOptions.verbose) {
                exception.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.of(exception);
        });
        cli.setParameterExceptionHandler(EmbedCli::usageError);
        return cli;
    }

    /** A usage error in one line, the nearest options when one was mistyped, and where the help is. */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("embed: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            err.println("       did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?");
        }
        err.println("       see '" + command.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCodes.USAGE;
    }

    private static Object command(String name) {
        return switch (name) {
            case "info" -> new InfoCommand();
            case "encode" -> new EncodeCommand();
            case "detect" -> new DetectCommand();
            case "benchmark" -> new BenchmarkCommand();
            case "compare" -> new CompareCommand();
            case "build" -> new BuildEngineCommand();
            case "cache" -> new CacheCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** {@code embed --version}: this tool and every native component each backend runs on. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            List<String> lines = new ArrayList<>(List.of("embed " + FaceembedVersion.get()));
            for (BackendProvider provider : BackendRegistry.standard().providers()) {
                for (Map.Entry<String, String> component : provider.versions().entrySet()) {
                    lines.add(component.getKey() + " " + component.getValue());
                }
            }
            return lines.toArray(String[]::new);
        }
    }
}

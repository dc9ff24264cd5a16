package dev.faceembed.cli;

import dev.faceembed.FaceembedVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code java -jar embed.jar <command>}: the entry point. Only {@link #main} calls {@code System.exit}.
 *
 * <p>picocli reads every option of a command by reflection when the command is added, which costs a new JVM more than
 * a one-image {@code encode} spends on anything else of its own. So only the commands a command line can reach are
 * built ({@link Commands#reachable}): the one it names, none for {@code --version}, all of them for help and usage
 * errors.
 */
@Command(name = "embed", mixinStandardHelpOptions = true, versionProvider = EmbedCli.Version.class,
        description = "Face crops to L2-normalised embeddings from the JVM (ONNX Runtime through FFM, no JNI).")
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
        cli.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCodes.HELP);
        addExitCodes(cli);
        return cli;
    }

    private static void addExitCodes(CommandLine parent) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            sub.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCodes.HELP);
            addExitCodes(sub);
        }
    }

    private static Object command(String name) {
        return switch (name) {
            case "info" -> new InfoCommand();
            case "encode" -> new EncodeCommand();
            case "benchmark" -> new BenchmarkCommand();
            case "compare" -> new CompareCommand();
            case "build" -> new BuildEngineCommand();
            case "cache" -> new CacheCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"embed " + FaceembedVersion.get()};
        }
    }
}

package dev.faceembed.cli;

import dev.faceembed.FaceembedVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.PrintWriter;

/** {@code java -jar embed.jar <command>}: the entry point. Only {@link #main} calls {@code System.exit}. */
@Command(name = "embed", mixinStandardHelpOptions = true, versionProvider = EmbedCli.Version.class,
        description = "Face crops to L2-normalised embeddings from the JVM (ONNX Runtime through FFM, no JNI).",
        subcommands = {InfoCommand.class, EncodeCommand.class, BenchmarkCommand.class, CompareCommand.class,
                BuildEngineCommand.class, CacheCommand.class,
                CommandLine.HelpCommand.class})
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
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new EmbedCli());
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

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"embed " + FaceembedVersion.get()};
        }
    }
}

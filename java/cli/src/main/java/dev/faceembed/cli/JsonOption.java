package dev.faceembed.cli;

import dev.faceembed.files.AtomicFile;
import dev.faceembed.files.Json;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code --json[=FILE]}, the same on every command: the result as one JSON document, in FILE (written atomically)
 * or, with {@code --json} alone or {@code --json -}, on stdout, with the human-readable report moved to stderr so
 * that stdout pipes into {@code jq}.
 */
final class JsonOption {
    private static final String STDOUT = "-";

    @Option(names = "--json", arity = "0..1", fallbackValue = STDOUT, paramLabel = "FILE",
            description = "Also write the result as JSON to FILE; --json alone (or --json -) prints it on stdout and"
                    + " the report on stderr.")
    String json;

    boolean requested() {
        return json != null;
    }

    private boolean toStdout() {
        return STDOUT.equals(json);
    }

    /** Where the human-readable report goes: stdout, or stderr when stdout carries the JSON. */
    PrintWriter report(CommandSpec spec) {
        return toStdout() ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    /** Writes {@code value} where asked; nothing when {@code --json} was not given. */
    void write(Object value, CommandSpec spec) {
        if (json == null) {
            return;
        }
        String text = Json.write(value);
        if (toStdout()) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
            return;
        }
        Path target = Path.of(json);
        try {
            AtomicFile.writeString(target, text);
        } catch (IOException e) {
            throw EmbeddingWriter.cannotWrite(target, e);
        }
    }
}

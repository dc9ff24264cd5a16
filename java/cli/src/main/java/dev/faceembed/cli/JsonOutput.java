package dev.faceembed.cli;

import dev.faceembed.files.AtomicFile;
import dev.faceembed.files.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/** Where a command's {@code --json FILE} result goes: the file (written atomically), or stdout for {@code -}. */
final class JsonOutput {
    private JsonOutput() {
    }

    static void write(Path target, Object value, PrintWriter out) throws IOException {
        String text = Json.write(value);
        if (target.toString().equals("-")) {
            out.print(text);
            out.flush();
            return;
        }
        AtomicFile.writeString(target, text);
    }
}

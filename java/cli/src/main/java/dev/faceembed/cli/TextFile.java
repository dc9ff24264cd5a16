package dev.faceembed.cli;

import dev.faceembed.files.AtomicFile;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A UTF-8 text file written through an {@link AtomicFile}: nothing appears under the target name until
 * {@link #commit()}, and closing without it leaves no partial file. Write failures name the target and the reason.
 */
final class TextFile implements AutoCloseable {
    private final AtomicFile file;
    private final BufferedWriter out;

    TextFile(Path target) {
        try {
            this.file = AtomicFile.create(target);
        } catch (IOException e) {
            throw EmbeddingWriter.cannotWrite(target, e);
        }
        try {
            this.out = Files.newBufferedWriter(file.temp(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            file.close();
            throw EmbeddingWriter.cannotWrite(target, e);
        }
    }

    Path target() {
        return file.target();
    }

    void write(CharSequence text) {
        try {
            out.append(text);
        } catch (IOException e) {
            throw EmbeddingWriter.cannotWrite(file.target(), e);
        }
    }

    /** Flushes and closes the temporary file, so that {@link #commit()} only renames it. */
    void finish() {
        try {
            out.close();
        } catch (IOException e) {
            throw EmbeddingWriter.cannotWrite(file.target(), e);
        }
    }

    void commit() {
        finish();
        try {
            file.commit();
        } catch (IOException e) {
            throw EmbeddingWriter.cannotWrite(file.target(), e);
        }
    }

    /** Commits, or when {@code keep} is false removes the target an earlier run left (this run has none). */
    void commitOrRemove(boolean keep) {
        if (keep) {
            commit();
            return;
        }
        try {
            AtomicFile.deleteDurably(file.target());
        } catch (IOException e) {
            throw EmbeddingWriter.cannotWrite(file.target(), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file.temp() + ": " + e.getMessage(), e);
        } finally {
            file.close();
        }
    }
}

package dev.faceembed.cli;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code embed encode} writes, as one set: the embeddings, {@code <output>.files.txt} (the source file of each
 * row, for image input) and {@code <output>.errors.txt} (each input left out, and why). Everything goes to
 * temporary files first; {@link #commit()} renames the lists and then the embeddings, and removes a list an earlier
 * run left that this run has no counterpart for, so the set on disk is either all old or all new: a failed run
 * changes nothing.
 */
final class EncodeOutputs implements AutoCloseable {
    private final EmbeddingWriter embeddings;
    private final TextFile files;
    private final TextFile errors;
    private int rows;
    private int failures;

    private EncodeOutputs(EmbeddingWriter embeddings, TextFile files, TextFile errors) {
        this.embeddings = embeddings;
        this.files = files;
        this.errors = errors;
    }

    /** Opens the set for at most {@code maxRows} rows of {@code dim} floats. */
    static EncodeOutputs open(Path output, int maxRows, int dim) {
        EmbeddingWriter embeddings = EmbeddingWriter.open(output, maxRows, dim);
        TextFile files = null;
        try {
            files = new TextFile(filesList(output));
            return new EncodeOutputs(embeddings, files, new TextFile(errorsList(output)));
        } catch (RuntimeException e) {
            embeddings.close();
            if (files != null) {
                files.close();
            }
            throw e;
        }
    }

    static Path filesList(Path output) {
        return output.resolveSibling(output.getFileName() + ".files.txt");
    }

    static Path errorsList(Path output) {
        return output.resolveSibling(output.getFileName() + ".errors.txt");
    }

    /** Appends {@code count} embeddings and, for image input, their source files. */
    void append(MemorySegment rowsData, int count, List<Path> sources) {
        embeddings.append(rowsData, count, sources);
        for (Path source : sources) {
            files.write(FileNames.escape(source.toString()) + "\n");
        }
        rows += count;
    }

    /** Records an input that gave no row. */
    void failed(Path input, String reason) {
        errors.write(FileNames.escape(input.toString()) + "\t" + FileNames.escape(reason) + "\n");
        failures++;
    }

    int rows() {
        return rows;
    }

    int failures() {
        return failures;
    }

    /**
     * Puts the set in place; {@code withFiles} says whether the rows came from files (else an old file list is
     * removed, as it would name the rows of another run).
     */
    void commit(boolean withFiles) {
        embeddings.finish();
        files.finish();
        errors.finish();
        files.commitOrRemove(withFiles);
        errors.commitOrRemove(failures > 0);
        embeddings.commit();
    }

    @Override
    public void close() {
        try {
            embeddings.close();
        } finally {
            try {
                files.close();
            } finally {
                errors.close();
            }
        }
    }
}

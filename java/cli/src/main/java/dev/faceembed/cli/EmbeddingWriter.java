package dev.faceembed.cli;

import dev.faceembed.files.IoErrors;
import dev.faceembed.files.Json;
import dev.faceembed.io.NpyFloat32Writer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes embeddings, rows at a time, to {@code .npy}, {@code .csv} or {@code .jsonl} (chosen by the file name).
 * Nothing appears under the target name until {@link #commit()}; closing without it leaves no partial file.
 */
interface EmbeddingWriter extends AutoCloseable {

    /**
     * Appends {@code count} rows of {@code dim} floats.
     *
     * @param files the source file of each row, or empty when the rows have none
     */
    void append(MemorySegment rows, int count, List<Path> files);

    /** Writes everything to the temporary file, so that {@link #commit()} only renames it. */
    void finish();

    void commit();

    @Override
    void close();

    /** Whether {@code output} names a format this writes. */
    static boolean writes(Path output) {
        return output.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(npy|csv|jsonl)");
    }

    /** A writer of at most {@code maxRows} rows of {@code dim} floats to {@code output}. */
    static EmbeddingWriter open(Path output, int maxRows, int dim) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            return new NpyWriter(new NpyFloat32Writer(output, maxRows, dim), dim);
        }
        if (name.endsWith(".csv") || name.endsWith(".jsonl")) {
            return new TextWriter(output, dim, name.endsWith(".jsonl"));
        }
        throw new IllegalArgumentException("--output must end in .npy, .csv or .jsonl, got " + output);
    }

    /** A write failure, with the file system's reason: a runtime failure (exit 1), never a usage error. */
    static UncheckedIOException cannotWrite(Path target, IOException e) {
        return new UncheckedIOException("cannot write " + target + ": " + IoErrors.describe(e), e);
    }

    /** A float32 (rows, dim) NumPy array. */
    record NpyWriter(NpyFloat32Writer npy, int dim) implements EmbeddingWriter {
        @Override
        public void append(MemorySegment rows, int count, List<Path> files) {
            npy.append(rows.asSlice(0, (long) count * dim * Float.BYTES));
        }

        @Override
        public void finish() {
            npy.finish();
        }

        @Override
        public void commit() {
            npy.commit();
        }

        @Override
        public void close() {
            npy.close();
        }
    }

    /** CSV (one row of D floats per line) or JSON Lines ({"index", "file", "embedding"} per line). */
    final class TextWriter implements EmbeddingWriter {
        private final TextFile file;
        private final int dim;
        private final boolean jsonl;
        private long index;

        TextWriter(Path target, int dim, boolean jsonl) {
            this.file = new TextFile(target);
            this.dim = dim;
            this.jsonl = jsonl;
        }

        @Override
        public void append(MemorySegment rows, int count, List<Path> files) {
            StringBuilder lines = new StringBuilder();
            for (int r = 0; r < count; r++) {
                if (jsonl) {
                    lines.append("{\"index\": ").append(index);
                    if (!files.isEmpty()) {
                        lines.append(", \"file\": ").append(Json.write(files.get(r).toString()).strip());
                    }
                    lines.append(", \"embedding\": [");
                }
                for (int i = 0; i < dim; i++) {
                    if (i > 0) {
                        lines.append(jsonl ? ", " : ",");
                    }
                    lines.append(rows.getAtIndex(ValueLayout.JAVA_FLOAT, (long) r * dim + i));
                }
                lines.append(jsonl ? "]}\n" : "\n");
                index++;
            }
            file.write(lines);
        }

        @Override
        public void finish() {
            file.finish();
        }

        @Override
        public void commit() {
            file.commit();
        }

        @Override
        public void close() {
            file.close();
        }
    }
}

package dev.faceembed.cli;

import dev.faceembed.files.AtomicFile;
import dev.faceembed.files.Json;
import dev.faceembed.io.NpyFloat32Writer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes embeddings, row by row, to {@code .npy}, {@code .csv} or {@code .jsonl} (chosen by the file name). Nothing
 * appears under the target name until {@link #commit()}; closing without it leaves no partial file.
 */
interface EmbeddingWriter extends AutoCloseable {

    /** Appends {@code rows x dim} floats; {@code first} is the index of the first row. */
    void append(MemorySegment rows, int first, int count);

    void commit();

    @Override
    void close();

    static EmbeddingWriter open(Path output, int count, int dim, List<Path> sources) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".npy")) {
            NpyFloat32Writer npy = new NpyFloat32Writer(output, new long[]{count, dim});
            return new EmbeddingWriter() {
                @Override
                public void append(MemorySegment rows, int first, int n) {
                    npy.append(rows.asSlice(0, (long) n * dim * Float.BYTES));
                }

                @Override
                public void commit() {
                    npy.commit();
                }

                @Override
                public void close() {
                    npy.close();
                }
            };
        }
        if (name.endsWith(".csv")) {
            return new TextWriter(output, dim, sources, false);
        }
        if (name.endsWith(".jsonl")) {
            return new TextWriter(output, dim, sources, true);
        }
        throw new IllegalArgumentException("--output must end in .npy, .csv or .jsonl, got " + output);
    }

    /** A write failure, with the file system's reason: a runtime failure (exit 1), never a usage error. */
    static UncheckedIOException cannotWrite(Path target, IOException e) {
        return new UncheckedIOException("cannot write " + target + ": " + e, e);
    }

    /** CSV (one row of D floats per line) or JSON Lines ({"index", "file", "embedding"} per line). */
    final class TextWriter implements EmbeddingWriter {
        private final AtomicFile file;
        private final BufferedWriter out;
        private final int dim;
        private final List<Path> sources;
        private final boolean jsonl;

        TextWriter(Path target, int dim, List<Path> sources, boolean jsonl) {
            this.dim = dim;
            this.sources = sources;
            this.jsonl = jsonl;
            try {
                this.file = AtomicFile.create(target);
            } catch (IOException e) {
                throw cannotWrite(target, e);
            }
            try {
                this.out = Files.newBufferedWriter(file.temp());
            } catch (IOException e) {
                file.close();
                throw cannotWrite(target, e);
            }
        }

        @Override
        public void append(MemorySegment rows, int first, int count) {
            try {
                for (int r = 0; r < count; r++) {
                    StringBuilder line = new StringBuilder();
                    if (jsonl) {
                        line.append("{\"index\": ").append(first + r);
                        if (!sources.isEmpty()) {
                            line.append(", \"file\": ").append(Json.write(sources.get(first + r).toString()).strip());
                        }
                        line.append(", \"embedding\": [");
                    }
                    for (int i = 0; i < dim; i++) {
                        if (i > 0) {
                            line.append(jsonl ? ", " : ",");
                        }
                        line.append(rows.getAtIndex(ValueLayout.JAVA_FLOAT, (long) r * dim + i));
                    }
                    out.append(line).append(jsonl ? "]}\n" : "\n");
                }
            } catch (IOException e) {
                throw cannotWrite(file.target(), e);
            }
        }

        @Override
        public void commit() {
            try {
                out.close();
                file.commit();
            } catch (IOException e) {
                throw cannotWrite(file.target(), e);
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
}

package dev.faceembed.cli;

import dev.faceembed.files.Json;
import dev.faceembed.files.parquet.ParquetFileWriter;
import dev.faceembed.files.parquet.ParquetSchema;
import dev.faceembed.io.NpyFloat32Writer;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the face commands write their rows, one per face, chosen by the output's name: {@code .jsonl} (file, face,
 * box, score, landmarks and, when embedding, the embedding per line), {@code .parquet} (the same columns), or
 * {@code .npy} (the embeddings as float32 (N, D), with the other columns of each row in
 * {@code <output>.faces.jsonl}). Nothing appears under the output's name until {@link #finish()} and
 * {@link #commit()}; closing without them leaves no partial file.
 */
interface FaceTable extends AutoCloseable {

    void add(FaceRow row);

    /** Writes everything to temporary files, so that {@link #commit()} only renames them. */
    void finish();

    void commit();

    @Override
    void close();

    /** The formats, for messages. */
    String FORMATS = ".jsonl, .parquet or .npy";

    /** Whether {@code output} names a format this writes ({@code .npy} only with embeddings). */
    static boolean writes(Path output, boolean embeddings) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".jsonl") || name.endsWith(".parquet") || embeddings && name.endsWith(".npy");
    }

    /** A table for {@code output}; {@code dim} is the embedding size, 0 without embeddings. */
    static FaceTable open(Path output, int dim) {
        String name = output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl")) {
            return new JsonLines(new TextFile(output), dim > 0);
        }
        if (name.endsWith(".parquet")) {
            return new Parquet(output, dim > 0);
        }
        if (name.endsWith(".npy") && dim > 0) {
            return new Npy(output, dim);
        }
        throw new IllegalArgumentException("--output must end in " + (dim > 0 ? FORMATS : ".jsonl or .parquet")
                + " for faces, got " + output);
    }

    /** {@code <output>.faces.jsonl}: the other columns of each row of a {@code .npy}. */
    static Path facesList(Path output) {
        return output.resolveSibling(output.getFileName() + ".faces.jsonl");
    }

    /** One JSON object per line. */
    record JsonLines(TextFile file, boolean embeddings) implements FaceTable {
        @Override
        public void add(FaceRow row) {
            StringBuilder line = new StringBuilder(embeddings ? 8192 : 256);
            line.append("{\"file\": ").append(Json.write(row.file().toString()).strip())
                    .append(", \"face\": ").append(row.index())
                    .append(", \"box\": ");
            floats(line, row.box());
            line.append(", \"score\": ").append(row.face().score()).append(", \"landmarks\": ");
            floats(line, row.face().landmarks().toArray());
            if (embeddings) {
                line.append(", \"embedding\": ");
                floats(line, row.embedding());
            }
            file.write(line.append("}\n"));
        }

        private static void floats(StringBuilder out, float[] values) {
            out.append('[');
            for (int i = 0; i < values.length; i++) {
                out.append(i > 0 ? ", " : "").append(values[i]);
            }
            out.append(']');
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

    /** The embeddings as a float32 (N, D) array, the rest of each row in {@link #facesList}. */
    final class Npy implements FaceTable {
        /** The most rows announced in the header; the real count is written at the end. */
        private static final long MAX_ROWS = Integer.MAX_VALUE;

        private final NpyFloat32Writer embeddings;
        private final JsonLines faces;
        private final Arena arena = Arena.ofConfined();
        private final MemorySegment row;

        Npy(Path output, int dim) {
            this.embeddings = new NpyFloat32Writer(output, MAX_ROWS, dim);
            try {
                this.faces = new JsonLines(new TextFile(facesList(output)), false);
            } catch (RuntimeException e) {
                embeddings.close();
                throw e;
            }
            this.row = arena.allocate((long) dim * Float.BYTES);
        }

        @Override
        public void add(FaceRow face) {
            MemorySegment.copy(face.embedding(), 0, row, ValueLayout.JAVA_FLOAT, 0, face.embedding().length);
            embeddings.append(row);
            faces.add(face);
        }

        @Override
        public void finish() {
            embeddings.finish();
            faces.finish();
        }

        @Override
        public void commit() {
            faces.commit();
            embeddings.commit();
        }

        @Override
        public void close() {
            try {
                embeddings.close();
            } finally {
                try {
                    faces.close();
                } finally {
                    arena.close();
                }
            }
        }
    }

    /** A Parquet file with the columns file, face, box, score, landmarks and (when embedding) embedding. */
    final class Parquet implements FaceTable {
        private final Path target;
        private final ParquetFileWriter writer;
        private final boolean embeddings;

        Parquet(Path target, boolean embeddings) {
            this.target = target;
            this.embeddings = embeddings;
            ParquetSchema.Builder schema = ParquetSchema.builder().string("file").int32("face").floatList("box")
                    .floatValue("score").floatList("landmarks");
            if (embeddings) {
                schema.floatList("embedding");
            }
            try {
                this.writer = ParquetFileWriter.create(target, schema.build());
            } catch (IOException e) {
                throw EmbeddingWriter.cannotWrite(target, e);
            }
        }

        @Override
        public void add(FaceRow face) {
            try {
                writer.row(r -> {
                    r.string(face.file().toString()).int32(face.index()).floats(face.box())
                            .floatValue(face.face().score()).floats(face.face().landmarks().toArray());
                    if (embeddings) {
                        r.floats(face.embedding());
                    }
                });
            } catch (IOException e) {
                throw EmbeddingWriter.cannotWrite(target, e);
            }
        }

        @Override
        public void finish() {
            try {
                writer.finish();
            } catch (IOException e) {
                throw EmbeddingWriter.cannotWrite(target, e);
            }
        }

        @Override
        public void commit() {
            try {
                writer.commit();
            } catch (IOException e) {
                throw EmbeddingWriter.cannotWrite(target, e);
            }
        }

        @Override
        public void close() {
            writer.close();
        }
    }
}

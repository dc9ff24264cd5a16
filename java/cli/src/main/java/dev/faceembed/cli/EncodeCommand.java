package dev.faceembed.cli;

import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.FaceBatch;
import dev.faceembed.files.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code embed encode}: crops in, float32 (N, D) L2-normalised embeddings out as {@code .npy}. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = {"Encode aligned face crops into L2-normalised embeddings: float32 (N, D) in row order, as .npy,"
                + " .csv (one row per line) or .jsonl (index, file, embedding per line).",
                "Input: a folder of .png/.jpg crops (sorted by file name), one image, or a .npy array (float32"
                        + " N x 3 x H x W preprocessed, or uint8 N x H x W x 3 RGB). For image input the source file"
                        + " of each row is written to <output>.files.txt."})
final class EncodeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EncodeCommand.class);

    @Mixin
    RunOptions runOptions;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "Folder, image or .npy file.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write embeddings:"
            + " a .npy, .csv or .jsonl file.")
    Path output;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Crops per call. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1");
        }
        if (!output.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(npy|csv|jsonl)")) {
            throw new IllegalArgumentException("--output must end in .npy, .csv or .jsonl, got " + output);
        }
        long start = System.nanoTime();
        try (EmbeddingBackend backend = EmbeddingBackends.create(runOptions.load().embeddingOptions());
             Arena arena = Arena.ofConfined()) {
            backend.ensureReady();
            CropInput crops = CropInput.open(input, backend.cropSize(), batch, arena);
            int count = crops.count();
            int dim = backend.embeddingDim();
            MemorySegment out = arena.allocate((long) batch * dim * Float.BYTES, 64);
            try (EmbeddingWriter writer = EmbeddingWriter.open(output, count, dim, crops.files());
                 ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), "faces", count)) {
                for (int first = 0; first < count; first += batch) {
                    int n = Math.min(batch, count - first);
                    FaceBatch part = crops.batch(first, n);
                    backend.encodeInto(part, out);
                    writer.append(out, first, n);
                    progress.advance(n);
                }
                writeFileList(crops);
                writer.commit();
            }
            LOG.info("wrote {} embeddings of {} floats to {} in {} s", count, dim, output,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        }
        return ExitCodes.OK;
    }

    private void writeFileList(CropInput crops) throws IOException {
        if (crops.files().isEmpty()) {
            return;
        }
        try (AtomicFile list = AtomicFile.create(output.resolveSibling(output.getFileName() + ".files.txt"))) {
            Files.writeString(list.temp(), crops.files().stream().map(Path::toString)
                    .collect(Collectors.joining("\n", "", "\n")));
            list.commit();
        }
    }
}

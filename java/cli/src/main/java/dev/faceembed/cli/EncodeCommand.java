package dev.faceembed.cli;

import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.InvalidInputException;
import dev.faceembed.cli.CropSource.OnError;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.config.PipelineKeys;
import dev.faceembed.detect.Face;
import dev.faceembed.detect.FacePipeline;
import dev.faceembed.detect.PhotoFaces;
import dev.faceembed.internal.MemoryBudget;
import dev.faceembed.preprocess.ImageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code embed encode}: crops in, float32 (N, D) L2-normalised embeddings out as {@code .npy}, CSV or JSON Lines. */
@Command(name = "encode", mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.RUNTIME_LINE, ExitCodes.USAGE_LINE, ExitCodes.UNAVAILABLE_LINE},
        description = {"Encode aligned face crops into L2-normalised embeddings: float32 (N, D) in row order, as .npy,"
                + " .csv (one row per line) or .jsonl (index, file, embedding per line).",
                "Input: a folder of images (sorted by file name; every format Java decodes: png, jpg, bmp, gif,"
                        + " ...), one image, or a .npy array (float32 N x 3 x H x W preprocessed, or uint8"
                        + " N x H x W x 3 RGB). For image input the source file of each row is written to"
                        + " <output>.files.txt, one per line (\\, newline, tab and other control characters"
                        + " escaped as \\\\, \\n, \\t, \\xNN); inputs left out are listed with the reason in"
                        + " <output>.errors.txt. The outputs are replaced together, or not at all.",
                "With --detect the input is photos: each face is found, aligned and embedded, one row per face"
                        + " (file, face index, box, score, landmarks, embedding) as .jsonl, .parquet, or .npy with the"
                        + " other columns in <output>.faces.jsonl; photos without a face are listed with the reason"
                        + " in <output>.errors.txt."})
final class EncodeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(EncodeCommand.class);
    private static final int LISTED_FAILURES = 5;

    @Mixin
    RunOptions runOptions;

    @Mixin
    BackendChoice backendChoice;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "Folder, image or .npy file.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write embeddings:"
            + " a .npy, .csv or .jsonl file; with --detect a .jsonl, .parquet or .npy file.")
    Path output;

    @Option(names = "--detect", description = "The input is photos: find, align and embed every face in them"
            + " (detection.* keys set the thresholds).")
    boolean detect;

    @Option(names = "--largest-face", description = "With --detect: keep only the largest face of each photo.")
    boolean largestFace;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "32",
            description = "Crops per call (buffers hold min(N, inputs) crops). Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--on-error", paramLabel = "skip|fail",
            description = "An image that cannot be decoded: skip it (listed in <output>.errors.txt) or fail the run."
                    + " Default: skip for a folder, fail for one file.")
    OnError onError;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (largestFace && !detect) {
            throw new IllegalArgumentException("--largest-face goes with --detect (crops have one face each)");
        }
        if (detect ? !FaceTable.writes(output, true) : !EmbeddingWriter.writes(output)) {
            throw new IllegalArgumentException("--output must end in " + (detect ? FaceTable.FORMATS
                    : ".npy, .csv or .jsonl") + ", got " + output);
        }
        if (Files.isDirectory(output)) {
            throw new IllegalArgumentException("--output " + output + " is a folder; name a .npy, .csv or .jsonl file");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        PipelineConfig config = backendChoice.apply(runOptions.loader()).load();
        if (detect) {
            return encodeFaces(config);
        }
        OnError policy = onError != null ? onError : Files.isDirectory(input) ? OnError.SKIP : OnError.FAIL;
        ImageDecoder decoder = new ImageDecoder(config.get(PipelineKeys.MAX_IMAGE_PIXELS));
        try (EmbeddingBackend backend = EmbeddingBackends.create(config.embeddingOptions());
             Arena arena = Arena.ofConfined()) {
            backend.ensureReady();
            backend.diagnostics().fallback().ifPresent(f -> LOG.warn(FallbackNotice.text(backend.diagnostics())));
            long start = System.nanoTime();
            try (CropSource crops = CropSource.open(input, backend.cropSize(), batch, policy, decoder, arena)) {
                EncodeOutputs outputs = encode(backend, crops, arena);
                double seconds = (System.nanoTime() - start) / 1e9;
                LOG.info("wrote {} embeddings of {} floats to {} in {} s after loading ({} faces/s: reading,"
                        + " decoding, embedding and writing)", outputs.rows(), backend.embeddingDim(), output,
                        String.format(Locale.ROOT, "%.1f", seconds),
                        String.format(Locale.ROOT, "%.1f", outputs.rows() / seconds));
            }
        }
        return ExitCodes.OK;
    }

    /** {@code --detect}: photos through the face pipeline, one row per face. */
    private int encodeFaces(PipelineConfig config) {
        long start = System.nanoTime();
        try (Photos photos = Photos.open(input, config.get(PipelineKeys.MAX_IMAGE_PIXELS));
             FacePipeline pipeline = FacePipeline.open(config);
             ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), "photos", photos.count())) {
            EmbeddingBackend backend = pipeline.backend();
            backend.diagnostics().fallback().ifPresent(f -> LOG.warn(FallbackNotice.text(backend.diagnostics())));
            FaceRun.Summary summary = FaceRun.run(photos, output, backend.embeddingDim(),
                    images -> pipeline.processAll(images).stream().map(EncodeCommand::found).toList(), largestFace,
                    FaceRun.FaceSink.NONE, progress);
            LOG.info("wrote {} faces of {} photos to {} in {} s", summary.faces(), summary.photos(), output,
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - start) / 1e9));
        }
        return ExitCodes.OK;
    }

    private static FaceRun.Found found(PhotoFaces photo) {
        return new FaceRun.Found(photo.faces().stream().map(Face::detection).toList(),
                photo.faces().stream().map(Face::embedding).toList(), photo.noFaceReason());
    }

    private EncodeOutputs encode(EmbeddingBackend backend, CropSource crops, Arena arena) {
        int dim = backend.embeddingDim();
        int capacity = Math.min(batch, crops.inputs());
        MemoryBudget.require("--batch " + capacity, capacity,
                (long) dim * Float.BYTES + CropArray.uint8Bytes(backend.cropSize()));
        MemorySegment out = arena.allocate((long) capacity * dim * Float.BYTES, 64);
        try (EncodeOutputs outputs = EncodeOutputs.open(output, crops.inputs(), dim);
             ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), "faces", crops.inputs())) {
            reportSkipped(crops.skipped(), outputs);
            for (CropSource.Chunk chunk = crops.next(); chunk != null; chunk = crops.next()) {
                for (CropSource.Failure failure : chunk.failures()) {
                    outputs.failed(failure.file(), failure.reason());
                    if (outputs.failures() - crops.skipped().size() <= LISTED_FAILURES) {
                        LOG.warn("skipped {}", failure.reason());
                    }
                }
                if (chunk.batch().count() > 0) {
                    backend.encodeInto(chunk.batch(), out);
                    outputs.append(out, chunk.batch().count(), chunk.files());
                }
                progress.advance(chunk.batch().count() + chunk.failures().size());
            }
            if (outputs.rows() == 0) {
                throw new InvalidInputException("none of the " + crops.inputs() + " images of " + input
                        + " could be decoded; nothing was written");
            }
            outputs.commit(crops.hasFiles());
            int undecoded = outputs.failures() - crops.skipped().size();
            if (undecoded > 0) {
                LOG.warn("{} of {} images could not be decoded and were left out", undecoded, crops.inputs());
            }
            if (outputs.failures() > 0) {
                LOG.warn("every entry left out is listed with the reason in {}", EncodeOutputs.errorsList(output));
            }
            return outputs;
        }
    }

    /** Folder entries that are not image files: a warning each (the first few) and a line in the errors list. */
    private static void reportSkipped(List<ImageFolder.Skipped> skipped, EncodeOutputs outputs) {
        for (ImageFolder.Skipped s : skipped) {
            outputs.failed(s.path(), "not read: " + s.reason());
        }
        for (ImageFolder.Skipped s : skipped.subList(0, Math.min(skipped.size(), LISTED_FAILURES))) {
            LOG.warn("not read: {}: {}", FileNames.escape(s.path().toString()), s.reason());
        }
        if (skipped.size() > LISTED_FAILURES) {
            LOG.warn("... and {} more entries that are not image files", skipped.size() - LISTED_FAILURES);
        }
    }
}

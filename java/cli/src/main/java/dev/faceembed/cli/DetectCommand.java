package dev.faceembed.cli;

import dev.faceembed.CropSize;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.config.PipelineKeys;
import dev.faceembed.detect.AlignedCrops;
import dev.faceembed.detect.Detections;
import dev.faceembed.detect.FaceDetector;
import dev.faceembed.files.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code embed detect}: faces in photos, as boxes, scores and landmarks, without embedding them. */
@Command(name = "detect", mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.RUNTIME_LINE, ExitCodes.USAGE_LINE},
        description = {"Find the faces in photos: one row per face with the source file, the face's index (highest"
                + " score first), its box (x1, y1, x2, y2), score and five landmarks (x, y each, in photo pixels), as"
                + " .jsonl or .parquet. Photos without a face are listed with the reason in <output>.errors.txt.",
                "Thresholds: detection.min_score, detection.nms_iou, detection.min_face_px, detection.max_faces"
                        + " (--set KEY=VALUE)."})
final class DetectCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(DetectCommand.class);
    /** Saved crops are aligned onto the ArcFace template, the input of the bundled embedder. */
    private static final CropSize SAVED_CROP = new CropSize(112, 112);

    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--input", required = true, paramLabel = "PATH", description = "A folder of photos, or one.")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Where to write the faces:"
            + " a .jsonl or .parquet file.")
    Path output;

    @Option(names = "--largest-face", description = "Keep only the largest face of each photo.")
    boolean largestFace;

    @Option(names = "--save-crops", paramLabel = "DIR", description = "Also write each face's aligned 112x112"
            + " crop to DIR as <photo file name>_face<index>.png, for inspection.")
    Path saveCrops;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!FaceTable.writes(output, false)) {
            throw new IllegalArgumentException("--output must end in .jsonl or .parquet, got " + output);
        }
        PipelineConfig config = configOptions.loader().load();
        FaceRun.FaceSink sink = FaceRun.FaceSink.NONE;
        if (saveCrops != null) {
            createFolder(saveCrops);
            sink = this::saveCrop;
        }
        try (Photos photos = Photos.open(input, config.get(PipelineKeys.MAX_IMAGE_PIXELS));
             FaceDetector detector = FaceDetector.open(config);
             ProgressBar progress = new ProgressBar(spec.commandLine().getErr(), "photos", photos.count())) {
            FaceRun.Summary summary = FaceRun.run(photos, output, 0, images -> images.stream()
                    .map(image -> found(detector.detect(image))).toList(), largestFace, sink, progress);
            LOG.info("wrote {} faces of {} photos to {}", summary.faces(), summary.photos(), output);
        }
        return ExitCodes.OK;
    }

    private static FaceRun.Found found(Detections detections) {
        return new FaceRun.Found(detections.faces(), List.of(), detections.noFaceReason());
    }

    private void saveCrop(BufferedImage photo, FaceRow row) {
        BufferedImage crop = AlignedCrops.of(photo, row.face().landmarks(), SAVED_CROP);
        Path target = saveCrops.resolve(row.file().getFileName() + "_face" + row.index() + ".png");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(crop, "png", png);
            AtomicFile.write(target, png.toByteArray());
        } catch (IOException e) {
            throw EmbeddingWriter.cannotWrite(target, e);
        }
    }

    private static void createFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create --save-crops folder " + folder + ": " + e.getMessage(), e);
        }
    }
}

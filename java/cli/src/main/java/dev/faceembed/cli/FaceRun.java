package dev.faceembed.cli;

import dev.faceembed.detect.DetectedFace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The loop of the face commands: photos in file order, a few at a time, through a {@link Finder}; one row per face
 * into the {@link FaceTable}; every photo that gave no row (not decodable, no face, only faces too small, not an
 * image file) into {@code <output>.errors.txt} with the reason, so none is dropped silently. The table and the list
 * are replaced together at the end, or not at all.
 */
final class FaceRun {
    private static final Logger LOG = LoggerFactory.getLogger(FaceRun.class);
    /** Photos per call of the finder: enough for the pipeline to batch their faces into one embedding run. */
    private static final int PHOTOS_PER_CALL = 8;
    private static final int LISTED = 5;

    /** What a finder found in one photo: its faces (and their embeddings, or none), or why there is none. */
    record Found(List<DetectedFace> faces, List<float[]> embeddings, Optional<String> noFace) {
    }

    /** Finds the faces of several photos at once. */
    interface Finder {
        List<Found> find(List<BufferedImage> photos);
    }

    /** Receives each face written, with its photo (e.g. to save its aligned crop). */
    interface FaceSink {
        /** Keeps nothing. */
        FaceSink NONE = (photo, row) -> {
        };

        void accept(BufferedImage photo, FaceRow row);
    }

    /** How a run went. */
    record Summary(int photos, int faces, int listed) {
    }

    private FaceRun() {
    }

    /**
     * Runs {@code finder} over {@code photos} into the table of {@code output} ({@code dim}: embedding size, 0
     * without) and its errors list; {@code largestOnly} keeps the largest face of each photo.
     */
    static Summary run(Photos photos, Path output, int dim, Finder finder, boolean largestOnly, FaceSink sink,
                       ProgressBar progress) {
        int faces = 0;
        int listed = 0;
        try (FaceTable table = FaceTable.open(output, dim);
             TextFile errors = new TextFile(EncodeOutputs.errorsList(output))) {
            for (ImageFolder.Skipped s : photos.skipped()) {
                listed += list(errors, s.path(), "not read: " + s.reason(), listed);
            }
            for (List<Photos.Photo> chunk = photos.next(PHOTOS_PER_CALL); !chunk.isEmpty();
                 chunk = photos.next(PHOTOS_PER_CALL)) {
                List<Photos.Photo> decoded = new ArrayList<>();
                for (Photos.Photo photo : chunk) {
                    if (photo.image() == null) {
                        listed += list(errors, photo.file(), photo.error(), listed);
                    } else {
                        decoded.add(photo);
                    }
                }
                List<Found> found = decoded.isEmpty() ? List.of()
                        : finder.find(decoded.stream().map(Photos.Photo::image).toList());
                for (int p = 0; p < decoded.size(); p++) {
                    Photos.Photo photo = decoded.get(p);
                    Found f = found.get(p);
                    if (f.faces().isEmpty()) {
                        listed += list(errors, photo.file(), f.noFace().orElse("no face found"), listed);
                        continue;
                    }
                    for (int i : kept(f.faces(), largestOnly)) {
                        FaceRow row = new FaceRow(photo.file(), i, f.faces().get(i),
                                f.embeddings().isEmpty() ? null : f.embeddings().get(i));
                        table.add(row);
                        sink.accept(photo.image(), row);
                        faces++;
                    }
                }
                progress.advance(chunk.size());
            }
            table.finish();
            errors.finish();
            errors.commitOrRemove(listed > 0);
            table.commit();
        }
        if (listed > 0) {
            LOG.warn("{} of {} entries gave no face; each is listed with the reason in {}", listed,
                    photos.count() + photos.skipped().size(), EncodeOutputs.errorsList(output));
        }
        return new Summary(photos.count(), faces, listed);
    }

    /** The indices of the faces to write: all, or the one with the largest box. */
    private static List<Integer> kept(List<DetectedFace> faces, boolean largestOnly) {
        if (!largestOnly) {
            return IntStream.range(0, faces.size()).boxed().toList();
        }
        return List.of(IntStream.range(0, faces.size()).boxed()
                .max(Comparator.comparingDouble(i -> faces.get(i).box().area())).orElseThrow());
    }

    /** Lists a photo that gave no row; warns about the first few. Returns 1, for the count. */
    private static int list(TextFile errors, Path file, String reason, int listedBefore) {
        errors.write(FileNames.escape(file.toString()) + "\t" + FileNames.escape(reason) + "\n");
        if (listedBefore < LISTED) {
            LOG.warn("no face from {}: {}", FileNames.escape(file.toString()), reason);
        }
        return 1;
    }
}

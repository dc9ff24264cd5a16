package dev.faceembed.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The files of one cache entry in a directory: {@code <stem>.plan}, its sidecar {@code <stem>.json}, the lock file
 * {@code <stem>.lock}, and temporary files {@code <stem>.plan.<random>.tmp} / {@code <stem>.json.<random>.tmp} that
 * become the plan and sidecar by an atomic rename. S3 uses the same names under its prefix.
 */
record EntryPaths(Path directory, String stem) {
    static final String PLAN_SUFFIX = ".plan";
    static final String SIDECAR_SUFFIX = ".json";
    static final String LOCK_SUFFIX = ".lock";
    static final String TEMP_SUFFIX = ".tmp";
    private static final Pattern STEM = Pattern.compile(
            "[A-Za-z0-9_.]+-(fp32|fp16)-sm[0-9]+-trt[0-9A-Za-z._]+-[0-9a-f]{" + EngineKey.HASH_CHARS + "}");

    Path plan() {
        return directory.resolve(stem + PLAN_SUFFIX);
    }

    Path sidecar() {
        return directory.resolve(stem + SIDECAR_SUFFIX);
    }

    Path lock() {
        return directory.resolve(stem + LOCK_SUFFIX);
    }

    /** A new empty temporary file beside the plan, on the same file system so that the rename is atomic. */
    Path newPlanTemp() throws IOException {
        return Files.createTempFile(directory, stem + PLAN_SUFFIX + ".", TEMP_SUFFIX);
    }

    Path newSidecarTemp() throws IOException {
        return Files.createTempFile(directory, stem + SIDECAR_SUFFIX + ".", TEMP_SUFFIX);
    }

    /** The stem of the entry a file name belongs to, if it is a plan, sidecar or temporary file of this layout. */
    static Optional<String> stemOf(String fileName) {
        String stem = null;
        if (fileName.endsWith(TEMP_SUFFIX)) {
            int at = Math.max(fileName.lastIndexOf(PLAN_SUFFIX + "."), fileName.lastIndexOf(SIDECAR_SUFFIX + "."));
            stem = at > 0 ? fileName.substring(0, at) : null;
        } else if (fileName.endsWith(PLAN_SUFFIX)) {
            stem = fileName.substring(0, fileName.length() - PLAN_SUFFIX.length());
        } else if (fileName.endsWith(SIDECAR_SUFFIX)) {
            stem = fileName.substring(0, fileName.length() - SIDECAR_SUFFIX.length());
        }
        // Only names EngineKey#fileStem can produce: other files in the directory are not the cache's to touch.
        return stem != null && STEM.matcher(stem).matches() ? Optional.of(stem) : Optional.empty();
    }

    static boolean isTemp(String fileName) {
        return fileName.endsWith(TEMP_SUFFIX) && stemOf(fileName).isPresent();
    }
}

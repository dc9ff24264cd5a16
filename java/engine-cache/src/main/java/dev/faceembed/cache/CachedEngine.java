package dev.faceembed.cache;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A validated engine plan, ready to deserialise.
 *
 * @param plan     the plan file in the local cache; its sha256 matched the sidecar when it was handed out
 * @param sidecar  what the plan is and how it was built
 * @param source   where it came from
 * @param upload   how the upload after a build went, {@link UploadOutcome#NOT_REQUESTED} otherwise
 * @param warnings problems met on the way that did not stop the lookup (an unreachable bucket, a corrupt download)
 */
public record CachedEngine(Path plan, EngineSidecar sidecar, EngineSource source, UploadResult upload,
                           List<String> warnings) {
    /** Copies the warnings; the other components must not be {@code null}. */
    public CachedEngine {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(sidecar, "sidecar");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(upload, "upload");
        warnings = List.copyOf(warnings);
    }

    CachedEngine withUpload(UploadResult result, List<String> allWarnings) {
        return new CachedEngine(plan, sidecar, source, result, allWarnings);
    }
}

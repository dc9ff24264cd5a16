package dev.faceembed.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link EngineCache#prune} removes. It always removes corrupt and incomplete entries and temporary files older
 * than {@code tempGrace}; optionally also entries for another GPU or TensorRT version, and entries older than
 * {@code maxAge} (by their sidecar's build time). Entries locked by a running build are skipped.
 *
 * @param tempGrace      temporary files younger than this may belong to a write in progress and are kept
 * @param keepOnlyTarget if present, remove complete entries that cannot run on this target (another GPU, GPU
 *                       architecture or TensorRT version)
 * @param maxAge         if present, remove complete entries built longer ago than this
 * @param dryRun         report what would be removed, remove nothing
 */
public record PrunePolicy(Duration tempGrace, Optional<EngineTarget> keepOnlyTarget, Optional<Duration> maxAge,
                          boolean dryRun) {
    /** Long enough that no write in progress has a temporary file this old without also holding its lock. */
    public static final Duration DEFAULT_TEMP_GRACE = Duration.ofHours(1);

    /** Checks that no duration is negative. */
    public PrunePolicy {
        Objects.requireNonNull(tempGrace, "tempGrace");
        Objects.requireNonNull(keepOnlyTarget, "keepOnlyTarget");
        Objects.requireNonNull(maxAge, "maxAge");
        if (tempGrace.isNegative() || maxAge.map(Duration::isNegative).orElse(false)) {
            throw new IllegalArgumentException("prune durations must not be negative");
        }
    }

    /**
     * Corrupt and incomplete entries, and temporary files older than {@link #DEFAULT_TEMP_GRACE}.
     *
     * @return the policy
     */
    public static PrunePolicy defaults() {
        return new PrunePolicy(DEFAULT_TEMP_GRACE, Optional.empty(), Optional.empty(), false);
    }

    /**
     * This policy with another age from which temporary files are removed.
     *
     * @param grace the age
     * @return the new policy
     */
    public PrunePolicy withTempGrace(Duration grace) {
        return new PrunePolicy(grace, keepOnlyTarget, maxAge, dryRun);
    }

    /**
     * This policy, also removing complete entries for any other GPU or TensorRT version.
     *
     * @param target the target whose entries stay
     * @return the new policy
     */
    public PrunePolicy keepingOnly(EngineTarget target) {
        return new PrunePolicy(tempGrace, Optional.of(target), maxAge, dryRun);
    }

    /**
     * This policy, also removing complete entries built longer ago than {@code age}.
     *
     * @param age the age
     * @return the new policy
     */
    public PrunePolicy withMaxAge(Duration age) {
        return new PrunePolicy(tempGrace, keepOnlyTarget, Optional.of(age), dryRun);
    }

    /**
     * This policy, reporting what it would remove without removing anything.
     *
     * @return the new policy
     */
    public PrunePolicy asDryRun() {
        return new PrunePolicy(tempGrace, keepOnlyTarget, maxAge, true);
    }
}

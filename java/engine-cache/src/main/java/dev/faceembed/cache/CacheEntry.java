package dev.faceembed.cache;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of the local cache directory.
 *
 * @param stem      the entry's file name without extension
 * @param plan      the plan file (it may be missing when the entry is incomplete)
 * @param sidecar   the parsed sidecar, if it exists and parses
 * @param planBytes size of the plan file, 0 when it is missing
 * @param status    whether the entry is usable, and if not, why
 * @param problem   what is wrong, in words; empty when the entry is complete
 */
public record CacheEntry(String stem, Path plan, Optional<EngineSidecar> sidecar, long planBytes, EntryStatus status,
                         String problem) {
    /** Checks that no component is {@code null}. */
    public CacheEntry {
        Objects.requireNonNull(stem, "stem");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(sidecar, "sidecar");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problem, "problem");
    }

    /**
     * The entry's fields for JSON output ({@code embed cache list --json}).
     *
     * @return the fields, in a fixed order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stem", stem);
        out.put("plan", plan.toString());
        out.put("plan_bytes", planBytes);
        out.put("status", status.name().toLowerCase(Locale.ROOT));
        out.put("problem", problem.isEmpty() ? null : problem);
        out.put("sidecar", sidecar.map(EngineSidecar::toMap).orElse(null));
        return out;
    }
}

package dev.faceembed.cache;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link EngineCache#prune} did.
 *
 * @param removed files removed, or that would be removed in a dry run
 * @param skipped files left alone because a running build or download holds their entry's lock, with the reason
 * @param dryRun  whether nothing was actually removed
 */
public record PruneReport(List<PrunedFile> removed, List<String> skipped, boolean dryRun) {
    /** Copies the lists. */
    public PruneReport {
        removed = List.copyOf(removed);
        skipped = List.copyOf(skipped);
    }

    /**
     * The bytes of the removed files.
     *
     * @return their sum
     */
    public long bytesFreed() {
        return removed.stream().mapToLong(PrunedFile::bytes).sum();
    }

    /**
     * The report for JSON output ({@code embed cache prune --json}).
     *
     * @return the fields, in a fixed order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dry_run", dryRun);
        out.put("bytes_freed", bytesFreed());
        out.put("removed", removed.stream().map(PrunedFile::toMap).toList());
        out.put("skipped", skipped);
        return out;
    }
}

package dev.faceembed.cache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;

/**
 * Reads one entry's files and decides whether they form a complete entry: a sidecar that parses, describes an engine
 * with this file name, and records the plan's exact size and (when asked) sha256.
 */
final class EntryInspector {
    /** A sidecar is a few hundred bytes of JSON; anything far larger is not one, and is not read into memory. */
    private static final int MAX_SIDECAR_BYTES = 1 << 20;
    private EntryInspector() {
    }

    /**
     * The entry's state, or empty when neither plan nor sidecar exists.
     *
     * @param hashPlan also compare the plan's sha256 (reads the whole plan)
     */
    static Optional<CacheEntry> inspect(EntryPaths paths, boolean hashPlan) throws IOException {
        for (Path file : List.of(paths.plan(), paths.sidecar())) {
            if (Files.isSymbolicLink(file)) {
                return Optional.of(entry(paths, Optional.empty(), 0, EntryStatus.LINKED, file.getFileName()
                        + " is a symbolic link (to " + Files.readSymbolicLink(file) + "), which the cache never"
                        + " follows: remove it (embed cache prune does)"));
            }
        }
        long planBytes = sizeIfPresent(paths.plan());
        boolean hasPlan = planBytes >= 0;
        boolean hasSidecar = Files.isRegularFile(paths.sidecar(), LinkOption.NOFOLLOW_LINKS);
        if (!hasPlan && !hasSidecar) {
            return Optional.empty();
        }
        planBytes = Math.max(planBytes, 0);
        if (!hasSidecar) {
            return Optional.of(entry(paths, Optional.empty(), planBytes, EntryStatus.INCOMPLETE,
                    "plan without sidecar: a build or download was interrupted before it finished"));
        }
        EngineSidecar sidecar;
        try {
            sidecar = EngineSidecar.fromJson(readSidecar(paths), paths.sidecar().toString());
        } catch (IllegalArgumentException e) {
            return Optional.of(entry(paths, Optional.empty(), planBytes, EntryStatus.SIDECAR_INVALID,
                    "sidecar unreadable: " + e.getMessage()));
        } catch (NoSuchFileException e) {
            // Deleted between the existence check and the read: a prune or a rebuild is replacing this entry.
            return hasPlan ? Optional.of(entry(paths, Optional.empty(), planBytes, EntryStatus.INCOMPLETE,
                    "plan without sidecar: it is being replaced or removed")) : Optional.empty();
        }
        Optional<EngineSidecar> parsed = Optional.of(sidecar);
        if (!hasPlan) {
            return Optional.of(entry(paths, parsed, 0, EntryStatus.INCOMPLETE,
                    "sidecar without plan: a delete was interrupted"));
        }
        String expectedStem = sidecar.key().fileStem();
        if (!expectedStem.equals(paths.stem())) {
            return Optional.of(entry(paths, parsed, planBytes, EntryStatus.MISNAMED,
                    "sidecar describes engine " + expectedStem + " (" + sidecar.key().target()
                            + "), not the one its file name says"));
        }
        if (planBytes != sidecar.planBytes()) {
            return Optional.of(entry(paths, parsed, planBytes, EntryStatus.PLAN_CORRUPT,
                    "plan has " + planBytes + " bytes, its sidecar records " + sidecar.planBytes()));
        }
        if (hashPlan) {
            String actual;
            try {
                actual = Sha256.ofFile(paths.plan());
            } catch (NoSuchFileException e) {
                return Optional.of(entry(paths, parsed, 0, EntryStatus.INCOMPLETE,
                        "plan removed while it was being checked"));
            }
            if (!actual.equals(sidecar.planSha256())) {
                return Optional.of(entry(paths, parsed, planBytes, EntryStatus.PLAN_CORRUPT,
                        "plan sha256 is " + actual + ", its sidecar records " + sidecar.planSha256()));
            }
        }
        return Optional.of(entry(paths, parsed, planBytes, EntryStatus.COMPLETE, ""));
    }

    /** The file's size, or -1 if it is not a regular file (also when it vanishes while we look). */
    private static long sizeIfPresent(Path file) throws IOException {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return -1;
        }
        try {
            return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
        } catch (NoSuchFileException e) {
            return -1;
        }
    }

    private static String readSidecar(EntryPaths paths) throws IOException {
        try {
            try (InputStream in = Files.newInputStream(paths.sidecar(), LinkOption.NOFOLLOW_LINKS)) {
                return new String(in.readNBytes(MAX_SIDECAR_BYTES + 1), StandardCharsets.UTF_8);
            }
        } catch (MalformedInputException e) {
            throw new IllegalArgumentException("not UTF-8 text", e);
        }
    }

    private static CacheEntry entry(EntryPaths paths, Optional<EngineSidecar> sidecar, long planBytes,
                                    EntryStatus status, String problem) {
        return new CacheEntry(paths.stem(), paths.plan(), sidecar, planBytes, status, problem);
    }
}

package dev.faceembed.cache;

import dev.faceembed.files.AtomicFile;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Publishes a plan and its sidecar into the cache directory so that a crash at any point leaves either no usable entry
 * or a complete one. The caller holds the entry's {@link KeyLock}.
 *
 * <p>Order: delete the old sidecar (so an old sidecar never pairs with a new plan), rename the synced plan into
 * place, then write the sidecar through its own temporary file. Until that last rename the entry is a plan without
 * sidecar, which lookups treat as absent and prune removes.
 */
final class EntryWriter {
    private EntryWriter() {
    }

    static void publish(EntryPaths paths, Path planTemp, EngineSidecar sidecar) throws IOException {
        replacePlan(paths, planTemp);
        writeSidecar(paths, sidecar);
    }

    static void replacePlan(EntryPaths paths, Path planTemp) throws IOException {
        AtomicFile.deleteDurably(paths.sidecar());
        AtomicFile.publish(planTemp, paths.plan());
    }

    static void writeSidecar(EntryPaths paths, EngineSidecar sidecar) throws IOException {
        Path temp = writeSidecarTemp(paths, sidecar);
        try {
            AtomicFile.publish(temp, paths.sidecar());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static Path writeSidecarTemp(EntryPaths paths, EngineSidecar sidecar) throws IOException {
        Path temp = paths.newSidecarTemp();
        boolean written = false;
        try {
            Files.writeString(temp, sidecar.toJson(), StandardCharsets.UTF_8);
            AtomicFile.sync(temp);
            written = true;
            return temp;
        } finally {
            if (!written) {
                Files.deleteIfExists(temp);
            }
        }
    }
}

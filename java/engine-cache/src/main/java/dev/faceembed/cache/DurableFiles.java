package dev.faceembed.cache;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Crash-safe file publication: a file reaches its final name only by an atomic rename after its bytes are on disk,
 * and the directory is synced after each rename or delete so that the change itself survives a power loss.
 */
final class DurableFiles {
    private DurableFiles() {
    }

    /** Writes {@code text} to {@code file} (which must exist) and syncs it. */
    static void writeAndSync(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        sync(file);
    }

    static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /** Syncs {@code temp}, renames it to {@code target} atomically (replacing it) and syncs the directory. */
    static void publish(Path temp, Path target) throws IOException {
        sync(temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.getParent());
    }

    /** Deletes {@code file} if it exists and syncs its directory; true if it existed. */
    static boolean delete(Path file) throws IOException {
        boolean existed = Files.deleteIfExists(file);
        if (existed) {
            syncDirectory(file.getParent());
        }
        return existed;
    }

    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open or sync a directory; the rename itself is still atomic there.
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }
}

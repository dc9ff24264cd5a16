package dev.faceembed.io;

import dev.faceembed.InvalidInputException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written under a temporary name beside its target and renamed into place by {@link #commit()}: readers see
 * the old file or the complete new one, never a part. Closing without committing deletes the temporary file.
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the temporary file (and the target's folder if needed). */
    public static AtomicFile create(Path target) {
        Path absolute = target.toAbsolutePath();
        try {
            Files.createDirectories(absolute.getParent());
            return new AtomicFile(absolute, Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(),
                    ".tmp"));
        } catch (IOException e) {
            throw failure("cannot write " + target, e);
        }
    }

    /** Where to write; the caller closes its own streams before {@link #commit()}. */
    public Path temp() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /** Flushes the temporary file to disk and renames it over the target. */
    public void commit() {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw failure("cannot write " + target, e);
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            committed = true;
        } catch (IOException e) {
            throw failure("cannot write " + target, e);
        }
    }

    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw failure("cannot remove " + temp, e);
        }
    }

    private static InvalidInputException failure(String what, IOException e) {
        return new InvalidInputException(what + ": " + e.getMessage(), e);
    }
}

package dev.faceembed.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A file published under its name only once it is complete and on disk: written under a temporary name in the
 * target's own folder, flushed, renamed over the target atomically, and the folder flushed so the rename itself
 * survives a power loss. Readers see the old file or the complete new one, never a part.
 *
 * <p>The temporary file is {@code .<name>.<pid>-<random>.tmp}, created with the process umask's mode like any other
 * file the user writes. Closing without {@link #commit()} deletes it; so does a JVM shutdown (SIGTERM, SIGINT), and
 * temporary files of the same target left by a killed process (one whose pid no longer runs) are removed when the
 * next one is created.
 */
public final class AtomicFile implements AutoCloseable {
    private static final String TEMP_SUFFIX = ".tmp";
    private static final Set<Path> LIVE_TEMPS = ConcurrentHashMap.newKeySet();
    private static volatile boolean shutdownHookAdded;

    private final Path target;
    private final Path temp;
    private boolean committed;

    private AtomicFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /**
     * Creates the empty temporary file for {@code target} (and the target's folder if needed), after removing
     * temporary files of the same target that a process no longer running left behind.
     *
     * @param target the file to publish
     * @return the open publication; write {@link #temp()}, then {@link #commit()}
     * @throws IOException if the folder or the temporary file cannot be created, or {@code target} is a folder
     */
    public static AtomicFile create(Path target) throws IOException {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        Files.createDirectories(folder);
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(absolute + " is a directory");
        }
        removeStaleTemps(absolute);
        String prefix = tempPrefix(absolute);
        while (true) {
            Path temp = folder.resolve(prefix + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + TEMP_SUFFIX);
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
            } catch (java.nio.file.FileAlreadyExistsException e) {
                continue;
            }
            track(temp);
            return new AtomicFile(absolute, temp);
        }
    }

    /**
     * Writes {@code text} as UTF-8 to {@code target} atomically.
     *
     * @param target the file
     * @param text   its new content
     * @throws IOException if it cannot be written
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code bytes} to {@code target} atomically.
     *
     * @param target the file
     * @param bytes  its new content
     * @throws IOException if it cannot be written
     */
    public static void write(Path target, byte[] bytes) throws IOException {
        try (AtomicFile file = create(target)) {
            Files.write(file.temp(), bytes, StandardOpenOption.TRUNCATE_EXISTING);
            file.commit();
        }
    }

    /**
     * Where to write; the caller closes its own streams on it before {@link #commit()}.
     *
     * @return the temporary file
     */
    public Path temp() {
        return temp;
    }

    /**
     * The file this publication replaces.
     *
     * @return its absolute, normalised path
     */
    public Path target() {
        return target;
    }

    /**
     * Flushes the temporary file, renames it over the target and flushes the folder.
     *
     * @throws IOException if the file cannot be flushed or renamed
     */
    public void commit() throws IOException {
        publish(temp, target);
        committed = true;
        LIVE_TEMPS.remove(temp);
    }

    /** Deletes the temporary file unless committed; a file that cannot be deleted is removed by a later run. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
            LIVE_TEMPS.remove(temp);
        } catch (IOException e) {
            // Left for removeStaleTemps of the next writer of this target, once this process has ended.
        }
    }

    /**
     * Flushes {@code temp} (a file in {@code target}'s folder), renames it over {@code target} atomically and
     * flushes the folder. For callers that name their own temporary files.
     *
     * @param temp   the complete file
     * @param target the name it takes
     * @throws IOException if it cannot be flushed or renamed
     */
    public static void publish(Path temp, Path target) throws IOException {
        sync(temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Deletes {@code file} if it exists and flushes its folder.
     *
     * @param file the file
     * @return {@code true} if it existed
     * @throws IOException if it cannot be deleted
     */
    public static boolean deleteDurably(Path file) throws IOException {
        boolean existed = Files.deleteIfExists(file);
        if (existed) {
            syncDirectory(file.toAbsolutePath().getParent());
        }
        return existed;
    }

    /**
     * Flushes a file's bytes to disk.
     *
     * @param file the file
     * @throws IOException if it cannot be opened or flushed
     */
    public static void sync(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    /**
     * Flushes a folder, so that renames and deletions in it are on disk.
     *
     * @param directory the folder
     * @throws IOException if it cannot be flushed where folders can be
     */
    public static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open or flush a folder; the rename itself is still atomic there.
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    /** Removes {@code .<name>.<pid>-*.tmp} files of {@code target} whose process no longer runs. */
    static void removeStaleTemps(Path target) throws IOException {
        String name = "." + target.getFileName() + ".";
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(target.getParent(),
                entry -> isTempOf(entry.getFileName().toString(), name))) {
            for (Path temp : temps) {
                long pid = ownerPid(temp.getFileName().toString(), name);
                if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (NoSuchFileException ignored) {
                        // Another writer removed it first.
                    }
                }
            }
        }
    }

    private static boolean isTempOf(String fileName, String namePrefix) {
        return fileName.startsWith(namePrefix) && fileName.endsWith(TEMP_SUFFIX) && ownerPid(fileName, namePrefix) > 0;
    }

    private static long ownerPid(String fileName, String namePrefix) {
        String rest = fileName.substring(namePrefix.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
            return -1;
        }
        try {
            return Long.parseLong(rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + "." + ProcessHandle.current().pid() + "-";
    }

    private static void track(Path temp) {
        LIVE_TEMPS.add(temp);
        if (!shutdownHookAdded) {
            synchronized (LIVE_TEMPS) {
                if (!shutdownHookAdded) {
                    Runtime.getRuntime().addShutdownHook(new Thread(AtomicFile::deleteLiveTemps,
                            "faceembed-temp-files"));
                    shutdownHookAdded = true;
                }
            }
        }
    }

    private static void deleteLiveTemps() {
        for (Path temp : LIVE_TEMPS) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // Shutting down: nothing more can be done; the next writer of the target removes it.
            }
        }
    }
}

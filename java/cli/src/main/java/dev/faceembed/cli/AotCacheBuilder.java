package dev.faceembed.cli;

import dev.faceembed.files.AtomicFile;
import dev.faceembed.files.VerifiedFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Makes an {@link AotCache}: {@code AotCacheBuilder <cache file> <jar> [jvm options...]}, started in the background
 * by a command that ran without a cache. It runs {@link AotTraining} in a JVM with {@code -XX:AOTCacheOutput} (the
 * JVM writes the cache when the training ends), publishes the file atomically, and stamps it. One builder per cache
 * at a time (a file lock); caches of this folder unused for {@value #UNUSED_DAYS} days are removed.
 */
final class AotCacheBuilder {
    private static final long UNUSED_DAYS = 30;

    private AotCacheBuilder() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        AotCache cache = new AotCache(Path.of(args[0]), Path.of(args[1]), List.of(args).subList(2, args.length));
        System.exit(build(cache) ? 0 : 1);
    }

    /** Makes the cache unless it is ready or another process is making it; {@code false} if making it failed. */
    static boolean build(AotCache cache) throws IOException, InterruptedException {
        Path file = cache.file();
        Files.createDirectories(file.getParent());
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS); FileLock lock = channel.tryLock()) {
            if (lock == null || cache.ready()) {
                return true;
            }
            removeUnused(file.getParent(), file);
            try (AtomicFile out = AtomicFile.create(file)) {
                ProcessBuilder training = new ProcessBuilder(cache.command(
                        List.of("-XX:AOTCacheOutput=" + out.temp()), List.of(AotTraining.class.getName())))
                        .redirectErrorStream(true).redirectOutput(cache.log().toFile());
                int code = ChildProcess.run(training);
                if (code != 0 || Files.size(out.temp()) == 0 || !VerifiedFiles.removeSharedWrite(out.temp())) {
                    cache.stampFailed();
                    return false;
                }
                out.commit();
                cache.stampMade();
                Files.deleteIfExists(cache.log());
                return true;
            }
        }
    }

    /** Removes the caches (and their lock and log files) of other jars, JDKs or options not made for a while. */
    private static void removeUnused(Path folder, Path keep) throws IOException {
        FileTime cutoff = FileTime.from(Instant.now().minus(Duration.ofDays(UNUSED_DAYS)));
        try (DirectoryStream<Path> caches = Files.newDirectoryStream(folder, "*.aot")) {
            for (Path cache : caches) {
                if (!cache.equals(keep) && Files.getLastModifiedTime(cache, LinkOption.NOFOLLOW_LINKS)
                        .compareTo(cutoff) < 0) {
                    Files.deleteIfExists(cache);
                    Files.deleteIfExists(cache.resolveSibling(cache.getFileName() + ".lock"));
                    Files.deleteIfExists(cache.resolveSibling(cache.getFileName() + ".log"));
                }
            }
        }
    }
}

package dev.faceembed.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Exclusive hold on one cache entry across processes and threads: an OS lock ({@link FileChannel#tryLock()}) on the
 * entry's {@code .lock} file, taken with a bounded wait. The OS releases it when the holder dies, so a crashed builder
 * never blocks the next one.
 *
 * <p>Threads of one JVM first queue on an in-process semaphore per lock file: POSIX record locks belong to the
 * process, and closing any channel on a file drops all of the process's locks on it, so at most one channel per lock
 * file may be open at a time.
 */
final class KeyLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KeyLock.class);
    private static final long POLL_MILLIS = 50;
    private static final Duration REPORT_EVERY = Duration.ofSeconds(30);
    private static final ConcurrentHashMap<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();

    private final Semaphore inProcess;
    private final FileChannel channel;
    private final FileLock lock;

    private KeyLock(Semaphore inProcess, FileChannel channel, FileLock lock) {
        this.inProcess = inProcess;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Waits up to {@code timeout} for the lock, logging while it waits.
     *
     * @param what names the entry in log messages and errors
     * @throws EngineCacheException on timeout, interruption or an I/O failure
     */
    static KeyLock acquire(Path lockFile, Duration timeout, String what) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Semaphore inProcess;
        try {
            inProcess = semaphoreFor(lockFile);
        } catch (IOException e) {
            throw cannotLock(lockFile, e);
        }
        long nextReport = start;
        try {
            if (!inProcess.tryAcquire()) {
                LOG.info("Waiting for engine {}: another thread of this process is building or downloading it"
                        + " (giving up after {})", what, timeout);
                nextReport = System.nanoTime() + REPORT_EVERY.toNanos();
                if (!inProcess.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw timedOut(lockFile, timeout, what);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(lockFile, what, e);
        }
        boolean acquired = false;
        FileChannel channel = null;
        try {
            channel = open(lockFile);
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    acquired = true;
                    return new KeyLock(inProcess, channel, lock);
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    throw timedOut(lockFile, timeout, what);
                }
                if (now - nextReport >= 0) {
                    LOG.info("Waiting for engine {}: another process holds {} while it builds or downloads it"
                            + " (waited {} s, giving up after {})", what, lockFile,
                            TimeUnit.NANOSECONDS.toSeconds(now - start), timeout);
                    nextReport = now + REPORT_EVERY.toNanos();
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(lockFile, what, e);
        } catch (IOException e) {
            throw cannotLock(lockFile, e);
        } finally {
            if (!acquired) {
                closeQuietly(channel);
                inProcess.release();
            }
        }
    }

    /** The lock if nobody holds it right now, without waiting. */
    static Optional<KeyLock> tryAcquire(Path lockFile) throws IOException {
        Semaphore inProcess = semaphoreFor(lockFile);
        if (!inProcess.tryAcquire()) {
            return Optional.empty();
        }
        FileChannel channel = null;
        boolean acquired = false;
        try {
            channel = open(lockFile);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return Optional.empty();
            }
            acquired = true;
            return Optional.of(new KeyLock(inProcess, channel, lock));
        } finally {
            if (!acquired) {
                closeQuietly(channel);
                inProcess.release();
            }
        }
    }

    /**
     * The in-process semaphore for a lock file, keyed by its real location so that two spellings of one directory
     * (a symbolic link, a relative path) still share it.
     */
    private static Semaphore semaphoreFor(Path lockFile) throws IOException {
        Path real = lockFile.toAbsolutePath().getParent().toRealPath().resolve(lockFile.getFileName());
        return IN_PROCESS.computeIfAbsent(real, path -> new Semaphore(1));
    }

    private static FileChannel open(Path lockFile) throws IOException {
        // A lock file that is a symbolic link must not create or lock a file elsewhere: refused, and never followed
        // (NOFOLLOW_LINKS also covers a link made between this check and the open).
        if (Files.isSymbolicLink(lockFile)) {
            throw new IOException(lockFile.getFileName() + " is a symbolic link (to " + Files.readSymbolicLink(lockFile)
                    + "), which the cache never follows: remove it");
        }
        return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS);
    }

    private static EngineCacheException cannotLock(Path lockFile, IOException e) {
        return new EngineCacheException(EngineCacheException.Reason.STORAGE,
                "Cannot lock " + lockFile + ": " + e + ". Fix: make the engine cache directory writable, or point "
                        + "tensorrt.engine_cache_dir (FACEEMBED_TENSORRT_ENGINE_CACHE_DIR) elsewhere", e);
    }

    private static EngineCacheException timedOut(Path lockFile, Duration timeout, String what) {
        return new EngineCacheException(EngineCacheException.Reason.LOCK_TIMEOUT,
                "Timed out after " + timeout + " waiting for the lock on " + lockFile + ": another process is"
                        + " still building or downloading engine " + what + ". Fix: let it finish, or raise the"
                        + " lock timeout (EngineCache.Builder.lockTimeout)");
    }

    private static EngineCacheException interrupted(Path lockFile, String what, InterruptedException e) {
        return new EngineCacheException(EngineCacheException.Reason.INTERRUPTED,
                "Interrupted while waiting for the lock on " + lockFile + " (engine " + what + ")", e);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a lock channel failed", e);
            }
        }
    }

    /** Releases the OS lock, closes the channel, then lets the next thread of this process in. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            LOG.debug("releasing {} failed; closing the channel releases it", lock, e);
        } finally {
            closeQuietly(channel);
            inProcess.release();
        }
    }
}

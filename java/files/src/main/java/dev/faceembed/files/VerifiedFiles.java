package dev.faceembed.files;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What was verified about files, remembered across processes, so that a large file is hashed once and not by every
 * process that uses it. A stamp is a small file named after its subject (a text that names the files involved with
 * their {@link #identity identities}) and holding the facts found (a sha256, the identity of the file checked).
 *
 * <p>Any write to a file changes its change time, which no process can set back without changing the system clock,
 * so a subject or fact that names a file's identity stops matching as soon as the file is changed, replaced or
 * moved: the caller then verifies again. File times come from a coarse clock (a few milliseconds), so a write in the
 * same tick as the one before could leave the identity as it was: what was checked in a file that may still be
 * written is remembered by its {@link #settledIdentity}, once it has been left alone for a while.
 *
 * <p>Stamps are believed only if this process's user owns them and nobody else may write them, and are written that
 * way; where the platform does not report owners and change times (no Unix file attributes), nothing is remembered
 * and callers verify every time.
 */
public final class VerifiedFiles {
    private static final String UNIX_ATTRIBUTES = "unix:dev,ino,size,lastModifiedTime,ctime,uid,mode,isRegularFile";
    /** Write permission for the group and for others, as in {@code st_mode}. */
    private static final int GROUP_OR_OTHERS_WRITE = 0022;
    private static final Optional<Integer> USER = currentUser();
    /** How long a file must have been left alone before what is found about it may be remembered. */
    public static final long SETTLE_MILLIS = 1000;

    private final Path folder;

    /**
     * Stamps in a folder of the caller's choosing.
     *
     * @param folder the folder; created when the first stamp is written
     */
    public VerifiedFiles(Path folder) {
        this.folder = folder;
    }

    /**
     * Stamps about files that belong to no other cache, such as the jars that hold the bundled models.
     *
     * @return the stamps in {@link CacheFolders#of CacheFolders.of("verified")}
     */
    public static VerifiedFiles standard() {
        return new VerifiedFiles(CacheFolders.of("verified"));
    }

    /**
     * The folder of the stamps.
     *
     * @return the folder (which may not exist yet)
     */
    public Path folder() {
        return folder;
    }

    /**
     * The identity of a regular file (not a link): device, inode, size, modification and change times in
     * nanoseconds; empty if it is no regular file or the platform does not report them.
     *
     * @param file the file
     * @return its identity, or empty
     */
    public static Optional<String> identity(Path file) {
        Map<String, Object> a = attributes(file);
        return a == null ? Optional.empty() : Optional.of(identity(a));
    }

    /**
     * The {@link #identity} of a regular file that only this process's user (or the administrator) can change: owned
     * by the user and writable by neither group nor others. Empty otherwise: what was found about such a file may not
     * be remembered, since someone else could change it.
     *
     * @param file the file
     * @return its identity, or empty
     */
    public static Optional<String> privateIdentity(Path file) {
        Map<String, Object> a = attributes(file);
        return a == null || !onlyUserCanWrite(a) ? Optional.empty() : Optional.of(identity(a));
    }

    /**
     * The {@link #identity} of the file that holds a class path resource: the jar of a {@code jar:file:} URL, the
     * file of a {@code file:} URL; empty for anything else (a jar inside a jar, a module image, a remote URL).
     *
     * @param resource a class path resource
     * @return the identity of the file holding it, or empty
     */
    public static Optional<String> holderIdentity(URL resource) {
        String url = resource.toString();
        try {
            if (url.startsWith("jar:file:") && url.contains("!/")) {
                return identity(Path.of(URI.create(url.substring("jar:".length(), url.indexOf("!/")))));
            }
            return url.startsWith("file:") ? identity(Path.of(resource.toURI())) : Optional.empty();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The {@link #privateIdentity} of a file that has not changed since {@value #SETTLE_MILLIS} ms before
     * {@code checkStarted}, when a check of its content began: no write can have happened during the check, and any
     * later write gives it a later change time. Empty otherwise.
     *
     * @param file         the file checked
     * @param checkStarted when the check began
     * @return its identity, or empty
     */
    public static Optional<String> settledIdentity(Path file, Instant checkStarted) {
        Map<String, Object> a = attributes(file);
        if (a == null || !onlyUserCanWrite(a)) {
            return Optional.empty();
        }
        Instant changed = ((FileTime) a.get("ctime")).toInstant();
        return changed.isBefore(checkStarted.minusMillis(SETTLE_MILLIS)) ? Optional.of(identity(a)) : Optional.empty();
    }

    /**
     * The facts remembered for {@code subject}, if a stamp that only this user can have written holds them.
     *
     * @param subject what was verified (one line)
     * @return the facts, or empty
     */
    public Optional<String> recall(String subject) {
        Path stamp = stamp(subject);
        if (USER.isEmpty() || privateIdentity(stamp).isEmpty()) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(stamp, StandardCharsets.UTF_8);
            return lines.size() == 2 && lines.get(0).equals(subject) ? Optional.of(lines.get(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Remembers {@code facts} (one line) for {@code subject} (one line), replacing what was remembered before. A stamp
     * that cannot be written only costs a later process one more verification, so failures are not errors.
     *
     * @param subject what was verified
     * @param facts   what was found
     */
    public void remember(String subject, String facts) {
        if (USER.isEmpty() || subject.contains("\n") || facts.contains("\n") || Files.isSymbolicLink(folder)) {
            return;
        }
        try (AtomicFile file = AtomicFile.create(stamp(subject))) {
            Files.writeString(file.temp(), String.join("\n", subject, facts, ""), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file.temp(),
                    EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            file.commit();
        } catch (IOException | UnsupportedOperationException e) {
            // Not remembered: the next process verifies again.
        }
    }

    private Path stamp(String subject) {
        return folder.resolve(nameOf(subject));
    }

    /** The Unix attributes of a regular file, or {@code null}. */
    private static Map<String, Object> attributes(Path file) {
        try {
            Map<String, Object> a = Files.readAttributes(file, UNIX_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
            return Boolean.TRUE.equals(a.get("isRegularFile")) ? a : null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String identity(Map<String, Object> a) {
        return String.join(".", String.valueOf(a.get("dev")), String.valueOf(a.get("ino")),
                String.valueOf(a.get("size")),
                Long.toString(((FileTime) a.get("lastModifiedTime")).to(TimeUnit.NANOSECONDS)),
                Long.toString(((FileTime) a.get("ctime")).to(TimeUnit.NANOSECONDS)));
    }

    private static boolean onlyUserCanWrite(Map<String, Object> a) {
        return USER.isPresent() && USER.get().equals(a.get("uid"))
                && ((Integer) a.get("mode") & GROUP_OR_OTHERS_WRITE) == 0;
    }

    /** This process's user id: the owner of {@code /proc/self} (Linux); empty where there is none. */
    private static Optional<Integer> currentUser() {
        try {
            return Optional.of((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * A file name for {@code text}: 32 hex digits of two 64-bit FNV-1a hashes of its UTF-8 bytes. Not a checksum: a
     * stamp holds its whole subject, so two subjects with one name only replace each other's stamp. A cryptographic
     * hash would start the JDK's security providers, which costs a new JVM more than everything else done here.
     *
     * @param text any text
     * @return 32 lower-case hex digits
     */
    public static String nameOf(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return hex(fnv1a(bytes, 0xcbf29ce484222325L)).concat(hex(fnv1a(bytes, 0x84222325cbf29ce4L)));
    }

    private static long fnv1a(byte[] bytes, long basis) {
        long hash = basis;
        for (byte b : bytes) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()).concat(digits);
    }

    /**
     * Takes write access away from group and others, so that the file's {@link #privateIdentity} can be remembered;
     * {@code false} where that is not possible (not the owner, no POSIX permissions).
     *
     * @param file the file
     * @return whether neither group nor others may write it now
     */
    public static boolean removeSharedWrite(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                permissions.remove(PosixFilePermission.GROUP_WRITE);
                permissions.remove(PosixFilePermission.OTHERS_WRITE);
                Files.setPosixFilePermissions(file, permissions);
            }
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}

package dev.faceembed.bindings.loader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses the folder that native libraries are extracted into, most specific first:
 * <ol>
 *   <li>{@value ExtractionCache#ROOT_PROPERTY}, then {@value ExtractionCache#ROOT_VARIABLE}: that folder;</li>
 *   <li>{@value ExtractionCache#CACHE_DIR_VARIABLE}: its {@code native} sub-folder;</li>
 *   <li>{@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/native}, when it can be created and written;</li>
 *   <li>{@code ${java.io.tmpdir}/faceembed-<user>/native}, for processes with no usable home (containers running
 *       under an unnamed uid, read-only root file systems). The shared temporary folder is open to every user, so
 *       {@code faceembed-<user>} is created readable and writable by its owner only, and used only while it is a
 *       real folder owned by this process's user that no one else can write to: a library planted there by another
 *       user would otherwise run in this process.</li>
 * </ol>
 * Folders that were named explicitly are used as given. When no folder can be used, the cache reports every reason
 * at the first extraction, so libraries given by path or found on the system path still load.
 */
final class ExtractionRoot {
    private static final Logger LOG = LoggerFactory.getLogger(ExtractionRoot.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final Function<String, String> properties;
    private final Function<String, String> environment;

    private ExtractionRoot(Function<String, String> properties, Function<String, String> environment) {
        this.properties = properties;
        this.environment = environment;
    }

    /**
     * The cache for the given system properties and environment.
     *
     * @param properties  system property lookup, e.g. {@code System::getProperty}
     * @param environment environment variable lookup, e.g. {@code System::getenv}
     * @return a cache rooted in the first usable folder, or one that fails with every reason when none is
     */
    static ExtractionCache locate(Function<String, String> properties, Function<String, String> environment) {
        return new ExtractionRoot(properties, environment).locate();
    }

    private ExtractionCache locate() {
        Optional<String> configured = setting(properties.apply(ExtractionCache.ROOT_PROPERTY))
                .or(() -> setting(environment.apply(ExtractionCache.ROOT_VARIABLE)));
        if (configured.isPresent()) {
            return new ExtractionCache(Path.of(configured.get()));
        }
        Optional<String> cacheDir = setting(environment.apply(ExtractionCache.CACHE_DIR_VARIABLE));
        if (cacheDir.isPresent()) {
            return new ExtractionCache(Path.of(cacheDir.get(), "native"));
        }
        List<String> refused = new ArrayList<>();
        Optional<Path> userCache = userCache(refused);
        if (userCache.isPresent()) {
            Path root = userCache.get().resolve("faceembed").resolve("native");
            try {
                Files.createDirectories(root);
                if (Files.isWritable(root)) {
                    return new ExtractionCache(root);
                }
                refused.add(root + " is not writable");
            } catch (IOException e) {
                refused.add(root + " cannot be created (" + e + ")");
            }
        }
        Path temporary = Path.of(properties.apply("java.io.tmpdir"), "faceembed-" + userName());
        Path root = temporary.resolve("native");
        try {
            ensurePrivate(temporary);
            LOG.debug("native library cache: {}, since {}", root, String.join("; ", refused));
            return new ExtractionCache(root);
        } catch (IOException e) {
            refused.add(e.getMessage());
            return ExtractionCache.unusable(root, new IOException("no folder to extract native libraries into: "
                    + String.join("; ", refused) + ". Set " + ExtractionCache.CACHE_DIR_VARIABLE
                    + " to a folder of your own", e));
        }
    }

    /** {@code XDG_CACHE_HOME} if it is an absolute path (the XDG rule), else {@code ~/.cache} if there is a home. */
    private Optional<Path> userCache(List<String> refused) {
        Optional<Path> xdg = setting(environment.apply("XDG_CACHE_HOME")).map(Path::of).filter(Path::isAbsolute);
        if (xdg.isPresent()) {
            return xdg;
        }
        // The JDK sets user.home to "?" when the user has no entry in the password database.
        Optional<Path> home = setting(properties.apply("user.home")).map(Path::of).filter(Path::isAbsolute);
        if (home.isEmpty()) {
            refused.add("user.home is not set");
        }
        return home.map(h -> h.resolve(".cache"));
    }

    private String userName() {
        String name = setting(properties.apply("user.name")).orElse("").replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.chars().allMatch(c -> c == '_') ? "user" : name;
    }

    /**
     * Creates {@code folder} with mode {@code rwx------} if it is missing, then checks that it is a folder, not a
     * link, owned by this process's user and writable by no one else.
     */
    private static void ensurePrivate(Path folder) throws IOException {
        boolean posix = folder.getFileSystem().supportedFileAttributeViews().contains("posix");
        try {
            if (posix) {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createDirectory(folder);
            }
        } catch (FileAlreadyExistsException e) {
            LOG.debug("{} exists; checking that it is private", folder);
        }
        if (!posix) {
            // Windows gives every user a temporary folder of their own; there is nothing further to check.
            return;
        }
        PosixFileAttributes attributes = Files.readAttributes(folder, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
            throw new IOException(folder + " is not a folder but " + (attributes.isSymbolicLink() ? "a symbolic link"
                    : "a file") + ": remove it");
        }
        Set<PosixFilePermission> permissions = attributes.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new IOException(folder + " can be written by other users (" + PosixFilePermissions.toString(permissions)
                    + "): remove it, or chmod 700 it if it is yours");
        }
        UserPrincipal me = currentUser(folder);
        if (!attributes.owner().equals(me)) {
            throw new IOException(folder + " belongs to " + attributes.owner().getName() + ", not to "
                    + me.getName());
        }
    }

    /** The owner of a file this process creates, which is its user whether or not that user has a name. */
    private static UserPrincipal currentUser(Path folder) throws IOException {
        Path probe;
        try {
            probe = Files.createTempFile(folder, ".owner-", ".tmp");
        } catch (AccessDeniedException e) {
            throw new IOException(folder + " cannot be written by this user: it belongs to another one", e);
        }
        try {
            return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.delete(probe);
        }
    }

    private static Optional<String> setting(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}

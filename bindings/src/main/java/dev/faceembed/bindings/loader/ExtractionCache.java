package dev.faceembed.bindings.loader;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Extracts native libraries from the class path into {@code <root>/<sha256 prefix>/<file name>}, so that two
 * versions never overwrite each other and an extracted file is reused by every later process.
 *
 * <p>Each extraction writes a temporary file in the cache root and renames it into place atomically: a reader never
 * sees a half-written library. Two class path resources with the same name but different bytes are rejected, since
 * which one the class loader returns first is an accident of class path order.
 */
public final class ExtractionCache {
    /** System property that overrides the cache root. */
    public static final String ROOT_PROPERTY = "faceembed.native.cache";
    /** Environment variable that overrides the cache root. */
    public static final String ROOT_VARIABLE = "FACEEMBED_NATIVE_CACHE";

    private static final int HASH_PREFIX_CHARS = 16;

    private final Path root;

    public ExtractionCache(Path root) {
        this.root = root;
    }

    /**
     * The cache root: {@value #ROOT_PROPERTY}, then {@value #ROOT_VARIABLE}, then
     * {@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/native}.
     */
    public static ExtractionCache standard() {
        String configured = System.getProperty(ROOT_PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ROOT_VARIABLE);
        }
        if (configured != null && !configured.isBlank()) {
            return new ExtractionCache(Path.of(configured));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new ExtractionCache(base.resolve("faceembed").resolve("native"));
    }

    public Path root() {
        return root;
    }

    /**
     * Extracts the first of {@code sources} (after checking that all of them hold the same bytes) and returns the
     * extracted file.
     */
    public Path extract(List<URL> sources, String fileName) throws IOException {
        Files.createDirectories(root);
        Path first = null;
        String firstHash = null;
        for (URL source : sources) {
            Path temp = Files.createTempFile(root, fileName + ".", ".tmp");
            try {
                String hash = copyAndHash(source, temp);
                if (first == null) {
                    first = publish(temp, hash, fileName);
                    firstHash = hash;
                } else if (!hash.equals(firstHash)) {
                    throw new IOException("two different " + fileName + " on the class path: " + sources.getFirst()
                            + " (sha256 " + firstHash + ") and " + source + " (sha256 " + hash
                            + "); remove one of the jars");
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        }
        return first;
    }

    /**
     * Extracts a library that must sit in the same folder as an extracted one (ONNX Runtime looks for its execution
     * provider libraries next to itself); the folder is already named by the main library's content.
     */
    public Path extractBeside(Path extracted, URL source, String fileName) throws IOException {
        Path temp = Files.createTempFile(root, fileName + ".", ".tmp");
        try {
            copyAndHash(source, temp);
            return publishInto(extracted.getParent(), temp, fileName);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Path publish(Path temp, String hash, String fileName) throws IOException {
        return publishInto(root.resolve(hash.substring(0, HASH_PREFIX_CHARS)), temp, fileName);
    }

    private static Path publishInto(Path dir, Path temp, String fileName) throws IOException {
        Path target = dir.resolve(fileName);
        if (Files.isRegularFile(target) && Files.size(target) == Files.size(temp)) {
            return target;
        }
        Files.createDirectories(dir);
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static String copyAndHash(URL source, Path target) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = source.openStream();
             OutputStream out = new DigestOutputStream(Files.newOutputStream(target), sha256)) {
            in.transferTo(out);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

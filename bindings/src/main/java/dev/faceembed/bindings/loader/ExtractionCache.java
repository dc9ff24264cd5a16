package dev.faceembed.bindings.loader;

import dev.faceembed.files.AtomicFile;
import dev.faceembed.files.VerifiedFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Extracts native libraries from the class path into {@code <root>/<sha256 prefix>/<file name>}, so that two
 * versions never overwrite each other and an extracted file is reused by every later process.
 *
 * <p>An extracted file is trusted only after its bytes are hashed and match the class path resource: a file changed in
 * the cache (by a crash, a disk error or anyone else) is replaced, never loaded. Hashing a 20 MB library costs a new
 * JVM a large part of a second, so a successful check is remembered ({@link VerifiedFiles}, in {@code <root>/verified})
 * by the identities of the jar and of the extracted file: while neither has changed since, the check is not repeated
 * (a file just extracted is remembered by the next process that checks it, once it has settled), and the remembered
 * sha256 is still checked against the {@link NativesManifest}. An extracted file that someone else could change (not
 * owned by this user, or writable by group or others) is hashed on every load. A corrupted disk block that leaves a
 * file's identity alone is no longer noticed: that is the price of not hashing. Symbolic links inside the cache are
 * refused. Each extraction is published with {@link AtomicFile}, so a reader never sees a half-written library. Two
 * class path resources with the same name but different bytes are rejected, since which one the class loader returns
 * first is an accident of class path order, and so is a library that its folder's {@link NativesManifest} does not
 * list with the same sha256.
 */
public final class ExtractionCache {
    /** System property that overrides the cache root. */
    public static final String ROOT_PROPERTY = "faceembed.native.cache";
    /** Environment variable that overrides the cache root. */
    public static final String ROOT_VARIABLE = "FACEEMBED_NATIVE_CACHE";
    /** Environment variable naming faceembed's cache folder; native libraries go to its {@code native} sub-folder. */
    public static final String CACHE_DIR_VARIABLE = "FACEEMBED_CACHE_DIR";

    private static final int HASH_PREFIX_CHARS = 16;

    private final Path root;
    private final IOException unusable;
    private final VerifiedFiles verified;
    private final AtomicInteger filesHashed = new AtomicInteger();

    /**
     * A cache in a folder of the caller's choosing.
     *
     * @param root the folder; created on the first extraction
     */
    public ExtractionCache(Path root) {
        this(root, null);
    }

    private ExtractionCache(Path root, IOException unusable) {
        this.root = root;
        this.unusable = unusable;
        this.verified = new VerifiedFiles(root.resolve("verified"));
    }

    /** A cache that fails every extraction with {@code reason}, for when no folder can be used. */
    static ExtractionCache unusable(Path root, IOException reason) {
        return new ExtractionCache(root, reason);
    }

    /**
     * The cache of this process: {@value #ROOT_PROPERTY}, then {@value #ROOT_VARIABLE}, then
     * {@code $}{@value #CACHE_DIR_VARIABLE}{@code /native}, then {@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/native},
     * then a private folder in {@code java.io.tmpdir} (see {@link ExtractionRoot}).
     *
     * @return the cache; if no folder can be used, one whose extractions fail with the reasons
     */
    public static ExtractionCache standard() {
        return ExtractionRoot.locate(System::getProperty, System::getenv);
    }

    /**
     * The folder libraries are extracted into.
     *
     * @return the folder (which may not exist yet)
     */
    public Path root() {
        return root;
    }

    /**
     * Extracts the first of {@code sources} (after checking that all of them hold the same bytes and that
     * {@code manifest} lists them) and returns the extracted file.
     *
     * @param sources  class path resources of one library, as the class loader found them
     * @param fileName the library's file name
     * @param manifest the manifest of the resources' folder
     * @return the extracted file, {@code <root>/<sha256 prefix>/<fileName>}
     * @throws IOException if the sources differ, do not match the manifest, or cannot be extracted
     */
    public Path extract(List<URL> sources, String fileName, NativesManifest manifest) throws IOException {
        Instant started = Instant.now();
        Optional<String> subject = subject(sources, fileName + " from");
        Optional<String> facts = subject.flatMap(this::recall);
        Optional<Path> known = facts.flatMap(
                f -> trusted(root.resolve(f.substring(0, HASH_PREFIX_CHARS)), fileName, f));
        if (known.isPresent()) {
            manifest.verify(fileName, hashOf(facts.get()));
            return known.get();
        }
        String firstHash = null;
        for (URL source : sources) {
            String hash = sha256(source);
            if (firstHash == null) {
                firstHash = hash;
            } else if (!hash.equals(firstHash)) {
                throw new IOException("two different " + fileName + " on the class path: " + sources.getFirst()
                        + " (sha256 " + firstHash + ") and " + source + " (sha256 " + hash
                        + "); remove one of the jars");
            }
        }
        manifest.verify(fileName, firstHash);
        Path target = publish(root.resolve(firstHash.substring(0, HASH_PREFIX_CHARS)), sources.getFirst(), fileName,
                firstHash);
        remember(subject, firstHash, target, started);
        return target;
    }

    /**
     * Extracts a library that must sit in the same folder as an extracted one (ONNX Runtime looks for its execution
     * provider libraries next to itself); the folder is already named by the main library's content.
     *
     * @param extracted a file returned by {@link #extract}
     * @param source    the companion library's class path resource
     * @param fileName  its file name
     * @param manifest  the manifest of its folder
     * @return the extracted companion
     * @throws IOException if it does not match the manifest or cannot be extracted
     */
    public Path extractBeside(Path extracted, URL source, String fileName, NativesManifest manifest)
            throws IOException {
        Instant started = Instant.now();
        Path folder = extracted.getParent();
        Optional<String> subject = subject(List.of(source), fileName + " beside " + extracted + " from");
        Optional<String> facts = subject.flatMap(this::recall);
        if (facts.isPresent() && trusted(folder, fileName, facts.get()).isPresent()) {
            manifest.verify(fileName, hashOf(facts.get()));
            return folder.resolve(fileName);
        }
        String hash = sha256(source);
        manifest.verify(fileName, hash);
        Path target = publish(folder, source, fileName, hash);
        remember(subject, hash, target, started);
        return target;
    }

    /**
     * What a check of {@code sources} is remembered under: {@code what} and each source with the identity of the
     * file holding it (the jar, or the file itself); empty if a source is held by something else.
     */
    private static Optional<String> subject(List<URL> sources, String what) {
        StringBuilder subject = new StringBuilder(what);
        for (URL source : sources) {
            Optional<String> identity = VerifiedFiles.holderIdentity(source);
            if (identity.isEmpty()) {
                return Optional.empty();
            }
            subject.append(' ').append(source).append('@').append(identity.get());
        }
        return Optional.of(subject.toString());
    }

    /**
     * The facts ("sha256 identity") remembered for {@code subject}; none from a cache that cannot be used, whose
     * extractions must fail with the reason.
     */
    private Optional<String> recall(String subject) {
        if (unusable != null) {
            return Optional.empty();
        }
        return verified.recall(subject).filter(facts -> facts.indexOf(' ') > HASH_PREFIX_CHARS);
    }

    private static String hashOf(String facts) {
        return facts.substring(0, facts.indexOf(' '));
    }

    /** {@code folder/fileName} if it is the file described by {@code facts} ("sha256 identity") and no link. */
    private Optional<Path> trusted(Path folder, String fileName, String facts) {
        Path target = folder.resolve(fileName);
        if (Files.isSymbolicLink(root) || Files.isSymbolicLink(folder)) {
            return Optional.empty();
        }
        return VerifiedFiles.privateIdentity(target)
                .filter(identity -> facts.endsWith(" " + identity))
                .map(identity -> target);
    }

    /** Remembers a check that began at {@code started}, if the file had settled by then (a fresh one has not). */
    private void remember(Optional<String> subject, String hash, Path target, Instant started) {
        if (subject.isPresent() && VerifiedFiles.removeSharedWrite(target)) {
            VerifiedFiles.settledIdentity(target, started)
                    .ifPresent(id -> verified.remember(subject.get(), hash + " " + id));
        }
    }

    /** {@code folder/fileName} holding exactly the bytes of {@code source}, written only if it does not already. */
    private Path publish(Path folder, URL source, String fileName, String sha256) throws IOException {
        if (unusable != null) {
            throw new IOException(unusable.getMessage(), unusable);
        }
        Path target = folder.resolve(fileName);
        refuseLink(root);
        refuseLink(folder);
        refuseLink(target);
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && sha256(target).equals(sha256)) {
            return target;
        }
        try (AtomicFile file = AtomicFile.create(target);
             InputStream in = source.openStream()) {
            MessageDigest digest = newSha256();
            try (OutputStream out = Files.newOutputStream(file.temp())) {
                new DigestInputStream(in, digest).transferTo(out);
            }
            String written = HexFormat.of().formatHex(digest.digest());
            if (!written.equals(sha256)) {
                throw new IOException(source + " changed while it was extracted (sha256 " + sha256 + ", then "
                        + written + ")");
            }
            VerifiedFiles.removeSharedWrite(file.temp());
            file.commit();
        }
        return target;
    }

    private static void refuseLink(Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            throw new IOException(path + " is a symbolic link; the native library cache accepts none: remove it (or"
                    + " point " + ROOT_PROPERTY + " at a plain folder)");
        }
    }

    private String sha256(URL source) throws IOException {
        try (InputStream in = source.openStream()) {
            return sha256(in);
        }
    }

    private String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return sha256(in);
        }
    }

    /** How many files and resources this cache has hashed, so that tests can see a check that was not repeated. */
    int filesHashed() {
        return filesHashed.get();
    }

    private String sha256(InputStream in) throws IOException {
        filesHashed.incrementAndGet();
        MessageDigest digest = newSha256();
        new DigestInputStream(in, digest).transferTo(OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}

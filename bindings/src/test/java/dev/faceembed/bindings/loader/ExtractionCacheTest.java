package dev.faceembed.bindings.loader;

import dev.faceembed.files.VerifiedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ExtractionCacheTest {
    private static final String SHA256_OF_SAME = "0967115f2813a3541eaef77de9d9d5773f1c0c04314b0bbfe4ff3b3b1c55b5d5";

    @TempDir
    Path dir;

    private NativesManifest noManifest() throws IOException {
        try (var empty = new URLClassLoader(new URL[0], null)) {
            return NativesManifest.of(empty, "lib/linux-x86_64");
        }
    }

    @Test
    void extractsIntoADirectoryNamedByContentAndReusesIt() throws IOException {
        URL a = file("a.so", "version one");
        URL b = file("b.so", "version two");
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));

        Path first = cache.extract(List.of(a), "libx.so", noManifest());
        Path again = cache.extract(List.of(a), "libx.so", noManifest());
        Path other = cache.extract(List.of(b), "libx.so", noManifest());

        assertEquals(first, again);
        assertNotEquals(first.getParent(), other.getParent());
        assertEquals("libx.so", first.getFileName().toString());
        assertArrayEquals("version one".getBytes(), Files.readAllBytes(first));
        assertArrayEquals("version two".getBytes(), Files.readAllBytes(other));
        try (var leftovers = Files.list(dir.resolve("cache"))) {
            assertTrue(leftovers.noneMatch(p -> p.toString().endsWith(".tmp")), "temporary files are cleaned up");
        }
    }

    @Test
    void identicalDuplicatesAreAcceptedDifferentOnesRejected() throws IOException {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL a = file("a.so", "same");
        URL b = file("b.so", "same");
        URL c = file("c.so", "different");
        assertTrue(Files.isRegularFile(cache.extract(List.of(a, b), "libx.so", noManifest())));
        IOException e = assertThrows(IOException.class, () -> cache.extract(List.of(a, c), "libx.so", noManifest()));
        assertTrue(e.getMessage().contains("two different libx.so"), e.getMessage());
    }

    @Test
    void aLibraryChangedInTheCacheIsReplacedNotLoaded() throws IOException {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL original = file("a.so", "genuine library");
        Path extracted = cache.extract(List.of(original), "libx.so", noManifest());
        Files.writeString(extracted, "patched library");
        assertEquals(Files.size(dir.resolve("a.so")), Files.size(extracted), "same size, other bytes");
        assertEquals(extracted, cache.extract(List.of(original), "libx.so", noManifest()));
        assertEquals("genuine library", Files.readString(extracted), "a changed file is hashed again");
    }

    /**
     * Once an extracted library has settled and been checked, later loads trust it without hashing while neither the
     * source nor the library changes; replacing either brings the hashing back.
     */
    @Test
    void aCheckedLibraryIsNotHashedAgainUntilItOrItsSourceChanges() throws Exception {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL source = file("a.so", "genuine library");
        Path extracted = cache.extract(List.of(source), "libx.so", noManifest());
        assumeTrue(VerifiedFiles.privateIdentity(extracted).isPresent(), "stamps need Unix file attributes");
        Thread.sleep(VerifiedFiles.SETTLE_MILLIS + 100);
        cache.extract(List.of(source), "libx.so", noManifest());
        int hashed = cache.filesHashed();
        assertEquals(extracted, cache.extract(List.of(source), "libx.so", noManifest()));
        assertEquals(hashed, cache.filesHashed(), "a settled, checked library is trusted");

        Path copy = Files.copy(extracted, dir.resolve("copy.so"));
        Files.move(copy, extracted, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(extracted, cache.extract(List.of(source), "libx.so", noManifest()));
        assertTrue(cache.filesHashed() > hashed, "a replaced library is hashed again");

        hashed = cache.filesHashed();
        Files.move(Files.writeString(dir.resolve("b.so"), "genuine library"), dir.resolve("a.so"),
                StandardCopyOption.REPLACE_EXISTING);
        assertEquals(extracted, cache.extract(List.of(source), "libx.so", noManifest()));
        assertTrue(cache.filesHashed() > hashed, "a replaced source is hashed again");
    }

    @Test
    void aLibraryOthersMayWriteIsHashedOnEveryLoad() throws Exception {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL source = file("a.so", "genuine library");
        Path extracted = cache.extract(List.of(source), "libx.so", noManifest());
        assumeTrue(VerifiedFiles.privateIdentity(extracted).isPresent(), "stamps need Unix file attributes");
        Thread.sleep(VerifiedFiles.SETTLE_MILLIS + 100);
        cache.extract(List.of(source), "libx.so", noManifest());
        Files.setPosixFilePermissions(extracted, PosixFilePermissions.fromString("rw-rw-rw-"));
        int hashed = cache.filesHashed();
        cache.extract(List.of(source), "libx.so", noManifest());
        assertTrue(cache.filesHashed() > hashed, "a world-writable library is not trusted without hashing");
    }

    @Test
    void aRememberedCheckStillHonoursTheManifest() throws Exception {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL library = file("a.so", "same");
        NativesManifest listed = manifest("sha256.libx.so=" + SHA256_OF_SAME);
        Path extracted = cache.extract(List.of(library), "libx.so", listed);
        assumeTrue(VerifiedFiles.privateIdentity(extracted).isPresent(), "stamps need Unix file attributes");
        Thread.sleep(VerifiedFiles.SETTLE_MILLIS + 100);
        cache.extract(List.of(library), "libx.so", listed);
        int hashed = cache.filesHashed();
        NativesManifest other = manifest("sha256.libx.so=" + "0".repeat(64));
        IOException e = assertThrows(IOException.class, () -> cache.extract(List.of(library), "libx.so", other));
        assertTrue(e.getMessage().contains("lists " + "0".repeat(64)), e.getMessage());
        assertEquals(hashed, cache.filesHashed(), "the remembered sha256 was checked, not a new hash");
    }

    @Test
    void symbolicLinksInTheCacheAreRefused() throws IOException {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL original = file("a.so", "genuine library");
        Path extracted = cache.extract(List.of(original), "libx.so", noManifest());
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.so"), "genuine library");
        Files.delete(extracted);
        Files.createSymbolicLink(extracted, elsewhere);
        IOException e = assertThrows(IOException.class,
                () -> cache.extract(List.of(original), "libx.so", noManifest()));
        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
    }

    @Test
    void aLibraryIsExtractedOnlyIfItsFolderManifestListsItWithTheSameSha256() throws IOException {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL library = file("a.so", "same");
        assertTrue(Files.isRegularFile(cache.extract(List.of(library), "libx.so",
                manifest("sha256.libx.so=" + SHA256_OF_SAME))));

        IOException altered = assertThrows(IOException.class, () -> cache.extract(List.of(library), "libx.so",
                manifest("sha256.libx.so=" + "0".repeat(64))));
        assertTrue(altered.getMessage().contains("libx.so has sha256 " + SHA256_OF_SAME + " but ")
                && altered.getMessage().contains("lists " + "0".repeat(64)), altered.getMessage());

        IOException unlisted = assertThrows(IOException.class, () -> cache.extract(List.of(library), "liby.so",
                manifest("sha256.libx.so=" + SHA256_OF_SAME)));
        assertTrue(unlisted.getMessage().contains("does not list liby.so"), unlisted.getMessage());
        try (var folders = Files.list(dir.resolve("cache"))) {
            assertEquals(1, folders.count(), "nothing refused was written to the cache");
        }
    }

    @Test
    void aCompanionIsCheckedAgainstTheManifestToo() throws IOException {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        NativesManifest manifest = manifest("sha256.libx.so=" + SHA256_OF_SAME);
        Path extracted = cache.extract(List.of(file("a.so", "same")), "libx.so", manifest);
        IOException e = assertThrows(IOException.class,
                () -> cache.extractBeside(extracted, file("p.so", "provider"), "libprovider.so", manifest));
        assertTrue(e.getMessage().contains("does not list libprovider.so"), e.getMessage());
    }

    @Test
    void aCacheWithNoUsableFolderFailsEveryExtractionWithTheReason() throws IOException {
        ExtractionCache cache = ExtractionCache.unusable(dir.resolve("nowhere"), new IOException("the reason"));
        IOException e = assertThrows(IOException.class,
                () -> cache.extract(List.of(file("a.so", "same")), "libx.so", noManifest()));
        assertEquals("the reason", e.getMessage());
        assertTrue(Files.notExists(dir.resolve("nowhere")));
    }

    private NativesManifest manifest(String content) throws IOException {
        Path folder = dir.resolve("jar").resolve("lib/linux-x86_64");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(NativesManifest.FILE_NAME), "libraries=libx.so\n" + content + "\n");
        try (var jar = new URLClassLoader(new URL[]{dir.resolve("jar").toUri().toURL()}, null)) {
            return NativesManifest.of(jar, "lib/linux-x86_64");
        }
    }

    private URL file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toUri().toURL();
    }
}

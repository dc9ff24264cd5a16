package dev.faceembed.bindings.loader;

import dev.faceembed.files.VerifiedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
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
    @TempDir
    Path dir;

    @Test
    void extractsIntoADirectoryNamedByContentAndReusesIt() throws IOException {
        URL a = file("a.so", "version one");
        URL b = file("b.so", "version two");
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));

        Path first = cache.extract(List.of(a), "libx.so");
        Path again = cache.extract(List.of(a), "libx.so");
        Path other = cache.extract(List.of(b), "libx.so");

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
        assertTrue(Files.isRegularFile(cache.extract(List.of(a, b), "libx.so")));
        IOException e = assertThrows(IOException.class, () -> cache.extract(List.of(a, c), "libx.so"));
        assertTrue(e.getMessage().contains("two different libx.so"), e.getMessage());
    }

    @Test
    void aLibraryChangedInTheCacheIsReplacedNotLoaded() throws IOException {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL original = file("a.so", "genuine library");
        Path extracted = cache.extract(List.of(original), "libx.so");
        Files.writeString(extracted, "patched library");
        assertEquals(Files.size(dir.resolve("a.so")), Files.size(extracted), "same size, other bytes");
        assertEquals(extracted, cache.extract(List.of(original), "libx.so"));
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
        Path extracted = cache.extract(List.of(source), "libx.so");
        assumeTrue(VerifiedFiles.privateIdentity(extracted).isPresent(), "stamps need Unix file attributes");
        Thread.sleep(VerifiedFiles.SETTLE_MILLIS + 100);
        cache.extract(List.of(source), "libx.so");
        int hashed = cache.filesHashed();
        assertEquals(extracted, cache.extract(List.of(source), "libx.so"));
        assertEquals(hashed, cache.filesHashed(), "a settled, checked library is trusted");

        Path copy = Files.copy(extracted, dir.resolve("copy.so"));
        Files.move(copy, extracted, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(extracted, cache.extract(List.of(source), "libx.so"));
        assertTrue(cache.filesHashed() > hashed, "a replaced library is hashed again");

        hashed = cache.filesHashed();
        Files.move(Files.writeString(dir.resolve("b.so"), "genuine library"), dir.resolve("a.so"),
                StandardCopyOption.REPLACE_EXISTING);
        assertEquals(extracted, cache.extract(List.of(source), "libx.so"));
        assertTrue(cache.filesHashed() > hashed, "a replaced source is hashed again");
    }

    @Test
    void aLibraryOthersMayWriteIsHashedOnEveryLoad() throws Exception {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL source = file("a.so", "genuine library");
        Path extracted = cache.extract(List.of(source), "libx.so");
        assumeTrue(VerifiedFiles.privateIdentity(extracted).isPresent(), "stamps need Unix file attributes");
        Thread.sleep(VerifiedFiles.SETTLE_MILLIS + 100);
        cache.extract(List.of(source), "libx.so");
        Files.setPosixFilePermissions(extracted, PosixFilePermissions.fromString("rw-rw-rw-"));
        int hashed = cache.filesHashed();
        cache.extract(List.of(source), "libx.so");
        assertTrue(cache.filesHashed() > hashed, "a world-writable library is not trusted without hashing");
    }

    @Test
    void symbolicLinksInTheCacheAreRefused() throws IOException {
        ExtractionCache cache = new ExtractionCache(dir.resolve("cache"));
        URL original = file("a.so", "genuine library");
        Path extracted = cache.extract(List.of(original), "libx.so");
        Path elsewhere = Files.writeString(dir.resolve("elsewhere.so"), "genuine library");
        Files.delete(extracted);
        Files.createSymbolicLink(extracted, elsewhere);
        IOException e = assertThrows(IOException.class, () -> cache.extract(List.of(original), "libx.so"));
        assertTrue(e.getMessage().contains("is a symbolic link"), e.getMessage());
    }

    private URL file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p.toUri().toURL();
    }
}

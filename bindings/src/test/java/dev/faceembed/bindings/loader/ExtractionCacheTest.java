package dev.faceembed.bindings.loader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals("genuine library", Files.readString(extracted), "every load hashes the cached file again");
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

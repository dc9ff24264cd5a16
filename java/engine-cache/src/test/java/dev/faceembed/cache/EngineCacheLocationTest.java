package dev.faceembed.cache;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EngineCacheLocationTest {
    @Test
    void followsXdgCacheHomeAndIgnoresARelativeOne() {
        assertEquals(Path.of("/home/user/.cache/faceembed/engines"),
                EngineCacheLocation.defaultDirectory(Map.of(), "/home/user"));
        assertEquals(Path.of("/xdg/faceembed/engines"),
                EngineCacheLocation.defaultDirectory(Map.of("XDG_CACHE_HOME", "/xdg"), "/home/user"));
        assertEquals(Path.of("/caches/engines"), EngineCacheLocation.defaultDirectory(
                Map.of("FACEEMBED_CACHE_DIR", "/caches", "XDG_CACHE_HOME", "/xdg"), "/home/user"));
        assertEquals(Path.of("/home/user/.cache/faceembed/engines"),
                EngineCacheLocation.defaultDirectory(Map.of("XDG_CACHE_HOME", "relative"), "/home/user"),
                "the XDG spec says to ignore a relative XDG_CACHE_HOME");
    }
}

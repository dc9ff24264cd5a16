package dev.faceembed.spark;

import dev.faceembed.bindings.loader.ExtractionCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecutorNativeCacheTest {

    @Test
    void aWritableWorkingDirectoryHoldsTheLibrariesElseTheDefaultCacheDoes(@TempDir Path dir) {
        assertEquals(Optional.of(dir.resolve("faceembed-native")), ExecutorNativeCache.folder(dir));
        assertEquals(Optional.empty(), ExecutorNativeCache.folder(dir.resolve("gone")));
    }

    @Test
    void theDriverAndLocalModeKeepTheirCache() {
        TestSpark.session();
        String before = System.getProperty(ExtractionCache.ROOT_PROPERTY);

        ExecutorNativeCache.chooseForExecutor();

        assertEquals(before, System.getProperty(ExtractionCache.ROOT_PROPERTY));
    }
}

package dev.faceembed.spark;

import dev.faceembed.bindings.loader.ExtractionCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ExecutorNativeCacheTest {

    @Test
    void aWritableWorkingDirectoryHoldsTheLibrariesElseTheTemporaryFolderDoes(@TempDir Path dir) {
        Path tmp = dir.resolve("tmp");

        assertEquals(dir.resolve("faceembed-native"), ExecutorNativeCache.folder(dir, tmp, "spark"));
        assertEquals(tmp.resolve("faceembed-native-spark"),
                ExecutorNativeCache.folder(dir.resolve("gone"), tmp, "spark"));
    }

    @Test
    void theDriverAndLocalModeKeepTheirCache() {
        TestSpark.session();
        String before = System.getProperty(ExtractionCache.ROOT_PROPERTY);

        ExecutorNativeCache.chooseForExecutor();

        assertEquals(before, System.getProperty(ExtractionCache.ROOT_PROPERTY));
    }
}

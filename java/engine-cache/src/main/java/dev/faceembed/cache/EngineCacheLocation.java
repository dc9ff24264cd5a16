package dev.faceembed.cache;

import dev.faceembed.files.CacheFolders;

import java.nio.file.Path;
import java.util.Map;

/**
 * The default local cache directory: {@code $FACEEMBED_CACHE_DIR/engines} (the variable that moves all of faceembed's
 * caches), else {@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/engines}. Where the cache lives
 * and which bucket backs it are otherwise configuration ({@code tensorrt.engine_cache_dir},
 * {@code tensorrt.engine_s3_*} in config/pipeline/arcface_tensorrt.yaml).
 */
public final class EngineCacheLocation {
    /** Moves every faceembed cache: native libraries to its {@code native}, engines to its {@code engines}. */
    public static final String CACHE_DIR_VARIABLE = CacheFolders.CACHE_DIR_VARIABLE;

    private EngineCacheLocation() {
    }

    /**
     * The default folder of this user.
     *
     * @return {@code $FACEEMBED_CACHE_DIR/engines}, else {@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/engines}
     */
    public static Path defaultDirectory() {
        return defaultDirectory(System.getenv(), System.getProperty("user.home", ""));
    }

    static Path defaultDirectory(Map<String, String> environment, String userHome) {
        return CacheFolders.of("engines", environment, userHome);
    }
}

package dev.faceembed.cache;

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
    public static final String CACHE_DIR_VARIABLE = "FACEEMBED_CACHE_DIR";

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
        String all = environment.get(CACHE_DIR_VARIABLE);
        if (all != null && !all.isBlank()) {
            return Path.of(all).resolve("engines");
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(userHome, ".cache");
        return base.resolve("faceembed").resolve("engines");
    }
}

package dev.faceembed.cache;

import java.nio.file.Path;
import java.util.Map;

/**
 * The default local cache directory, {@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/engines}. Where the cache lives
 * and which bucket backs it are otherwise configuration ({@code tensorrt.engine_cache_dir},
 * {@code tensorrt.engine_s3_*} in config/pipeline/arcface_tensorrt.yaml).
 */
public final class EngineCacheLocation {
    private EngineCacheLocation() {
    }

    /**
     * The default folder of this user.
     *
     * @return {@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/engines}
     */
    public static Path defaultDirectory() {
        return defaultDirectory(System.getenv(), System.getProperty("user.home", ""));
    }

    static Path defaultDirectory(Map<String, String> environment, String userHome) {
        String xdg = environment.get("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(userHome, ".cache");
        return base.resolve("faceembed").resolve("engines");
    }
}

package dev.faceembed.files;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where faceembed keeps a cache of one kind: {@code $FACEEMBED_CACHE_DIR/<kind>} (the variable that moves all of
 * faceembed's caches), else {@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/<kind>}.
 */
public final class CacheFolders {
    /** Environment variable naming the folder that holds all of faceembed's caches. */
    public static final String CACHE_DIR_VARIABLE = "FACEEMBED_CACHE_DIR";

    private CacheFolders() {
    }

    /**
     * The folder of one kind of cache for this process's environment and user.
     *
     * @param kind the cache's sub-folder, such as {@code engines}
     * @return the folder, which may not exist yet
     */
    public static Path of(String kind) {
        return of(kind, System.getenv(), System.getProperty("user.home", ""));
    }

    /**
     * The folder of one kind of cache for a given environment and home folder.
     *
     * @param kind        the cache's sub-folder, such as {@code engines}
     * @param environment the environment variables to read
     * @param userHome    the home folder, used when neither variable is set
     * @return the folder, which may not exist yet
     */
    public static Path of(String kind, Map<String, String> environment, String userHome) {
        String all = environment.get(CACHE_DIR_VARIABLE);
        if (all != null && !all.isBlank()) {
            return Path.of(all).resolve(kind);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
                ? Path.of(xdg)
                : Path.of(userHome, ".cache");
        return base.resolve("faceembed").resolve(kind);
    }
}

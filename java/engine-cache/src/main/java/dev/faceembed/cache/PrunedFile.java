package dev.faceembed.cache;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A file {@link EngineCache#prune} removed (or would remove, in a dry run), and why.
 *
 * @param file   the file
 * @param bytes  its size
 * @param reason why it was removed
 */
public record PrunedFile(Path file, long bytes, String reason) {
    /**
     * The file for JSON output.
     *
     * @return the fields, in a fixed order
     */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        out.put("bytes", bytes);
        out.put("reason", reason);
        return out;
    }
}

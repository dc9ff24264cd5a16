package dev.faceembed;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of faceembed itself, from the build. */
public final class FaceembedVersion {
    private static final String VERSION = read();

    private FaceembedVersion() {
    }

    /**
     * The version this build of faceembed was built as, e.g. {@code 0.1.0-SNAPSHOT}.
     *
     * @return the version, or {@code unknown} if the build did not record one
     */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = FaceembedVersion.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}

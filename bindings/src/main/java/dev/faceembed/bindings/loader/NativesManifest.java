package dev.faceembed.bindings.loader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Properties;

/**
 * The {@value #FILE_NAME} of a class path folder of native libraries, written when faceembed's natives jars are
 * built: the libraries the folder holds ({@code libraries=...}) and the sha256 of each
 * ({@code sha256.<file name>=...}). A library taken from such a folder must be listed with the same sha256, so a
 * damaged or altered jar is refused rather than loaded. Folders without one (Microsoft's onnxruntime jar) are taken
 * as they are.
 */
public final class NativesManifest {
    /** Name of the manifest inside a library folder. */
    public static final String FILE_NAME = "natives.properties";

    private static final NativesManifest NONE = new NativesManifest(null, new Properties());

    private final URL location;
    private final Properties entries;

    private NativesManifest(URL location, Properties entries) {
        this.location = location;
        this.entries = entries;
    }

    /**
     * The manifest of a class path folder.
     *
     * @param classLoader where to look
     * @param directory   the library folder, e.g. {@code dev/faceembed/onnxruntime/native/linux-x86_64}
     * @return its manifest, or one that accepts every library when the folder has none
     * @throws IOException if the manifest cannot be read
     */
    public static NativesManifest of(ClassLoader classLoader, String directory) throws IOException {
        URL url = classLoader.getResource(directory + "/" + FILE_NAME);
        if (url == null) {
            return NONE;
        }
        Properties entries = new Properties();
        try (InputStream in = url.openStream()) {
            entries.load(in);
        }
        return new NativesManifest(url, entries);
    }

    /**
     * Checks one library against the manifest.
     *
     * @param fileName the library's file name, e.g. {@code libonnxruntime.so}
     * @param sha256   the sha256 of its bytes, in lower-case hex
     * @throws IOException if the manifest does not list the library or lists another sha256
     */
    public void verify(String fileName, String sha256) throws IOException {
        if (location == null) {
            return;
        }
        String listed = entries.getProperty("sha256." + fileName);
        if (listed == null) {
            throw new IOException(location + " does not list " + fileName + ": the natives jar was altered; use it"
                    + " as it was published");
        }
        if (!listed.trim().equalsIgnoreCase(sha256)) {
            throw new IOException(fileName + " has sha256 " + sha256 + " but " + location + " lists " + listed.trim()
                    + ": the natives jar is damaged or was altered; use it as it was published");
        }
    }
}

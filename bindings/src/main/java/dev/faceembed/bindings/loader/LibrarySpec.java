package dev.faceembed.bindings.loader;

/**
 * Where to look for one native library.
 *
 * @param displayName    human name for messages, e.g. {@code ONNX Runtime}
 * @param baseName       library base name, e.g. {@code onnxruntime} ({@code libonnxruntime.so} on Linux)
 * @param pathProperty   system property that names an explicit library file
 * @param pathVariable   environment variable that names an explicit library file
 * @param resourceFolder class path folder holding {@code <platform dir>/<library file>}
 * @param resourceDirectory class path sub-folder for the running platform, e.g. {@code linux-x64}
 * @param remedy         one sentence telling the user how to provide the library
 */
public record LibrarySpec(String displayName, String baseName, String pathProperty, String pathVariable,
                          String resourceFolder, String resourceDirectory, String remedy) {

    /** File name of the library on the running OS, e.g. {@code libonnxruntime.so}. */
    public String fileName() {
        return System.mapLibraryName(baseName);
    }

    /** Class path resource name of the library for the running platform. */
    public String resourceName() {
        return resourceFolder + "/" + resourceDirectory + "/" + fileName();
    }
}

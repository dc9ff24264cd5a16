package dev.faceembed.bindings.loader;

import java.util.List;

/**
 * Where to look for one native library.
 *
 * @param displayName    human name for messages, e.g. {@code ONNX Runtime}
 * @param baseName       library base name, e.g. {@code onnxruntime} ({@code libonnxruntime.so} on Linux)
 * @param pathProperty   system property that names an explicit library file
 * @param pathVariable   environment variable that names an explicit library file
 * @param resourceFolder class path folder holding {@code <platform dir>/<library file>}
 * @param resourceDirectories class path sub-folders for the running platform, best first, e.g.
 *                       {@code [linux-x86_64-cuda13, linux-x86_64]}; the first one present is used
 * @param remedy         one sentence telling the user how to provide the library
 * @param companions     base names of libraries that, when the same class path folder has them, are extracted next
 *                       to the library (ONNX Runtime's execution provider libraries)
 */
public record LibrarySpec(String displayName, String baseName, String pathProperty, String pathVariable,
                          String resourceFolder, List<String> resourceDirectories, String remedy,
                          List<String> companions) {

    public LibrarySpec {
        resourceDirectories = List.copyOf(resourceDirectories);
        companions = List.copyOf(companions);
    }

    /** File name of the library on the running OS, e.g. {@code libonnxruntime.so}. */
    public String fileName() {
        return System.mapLibraryName(baseName);
    }

    /** Class path resource name of the library in one platform directory. */
    public String resourceName(String directory) {
        return resourceFolder + "/" + directory + "/" + fileName();
    }
}

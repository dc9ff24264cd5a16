package dev.faceembed.bindings.loader;

import java.util.List;

/**
 * Where to look for one native library.
 *
 * @param displayName         human name for messages, e.g. {@code ONNX Runtime}
 * @param baseName            library base name, e.g. {@code onnxruntime} ({@code libonnxruntime.so} on Linux)
 * @param pathProperty        system property that names an explicit library file
 * @param pathVariable        environment variable that names an explicit library file
 * @param resourceDirectories class path folders that may hold the library for the running platform, best first,
 *                            e.g. {@code [dev/faceembed/onnxruntime/native/linux-x86_64, ai/onnxruntime/native/linux-x64]};
 *                            the first one present is used. A folder may carry a {@link NativesManifest}.
 * @param remedy              one sentence telling the user how to provide the library
 * @param companions          base names of libraries that, when the same class path folder has them, are extracted
 *                            next to the library (ONNX Runtime's execution provider libraries)
 */
public record LibrarySpec(String displayName, String baseName, String pathProperty, String pathVariable,
                          List<String> resourceDirectories, String remedy, List<String> companions) {

    public LibrarySpec {
        resourceDirectories = List.copyOf(resourceDirectories);
        companions = List.copyOf(companions);
    }

    /**
     * A library whose platform variants all sit in one class path folder, as {@code <resourceFolder>/<variant>/}.
     *
     * @param displayName    human name for messages
     * @param baseName       library base name
     * @param pathProperty   system property that names an explicit library file
     * @param pathVariable   environment variable that names an explicit library file
     * @param resourceFolder class path folder holding one sub-folder per variant
     * @param variants       the variants for the running platform, best first, e.g.
     *                       {@code [linux-x86_64-cuda13, linux-x86_64]}
     * @param remedy         one sentence telling the user how to provide the library
     * @param companions     base names of libraries extracted next to the library when present
     */
    public LibrarySpec(String displayName, String baseName, String pathProperty, String pathVariable,
                       String resourceFolder, List<String> variants, String remedy, List<String> companions) {
        this(displayName, baseName, pathProperty, pathVariable,
                variants.stream().map(variant -> resourceFolder + "/" + variant).toList(), remedy, companions);
    }

    /**
     * File name of the library on the running OS.
     *
     * @return e.g. {@code libonnxruntime.so}
     */
    public String fileName() {
        return System.mapLibraryName(baseName);
    }

    /**
     * Class path resource name of the library in one of {@link #resourceDirectories()}.
     *
     * @param directory one of {@link #resourceDirectories()}
     * @return {@code <directory>/<file name>}
     */
    public String resourceName(String directory) {
        return directory + "/" + fileName();
    }
}

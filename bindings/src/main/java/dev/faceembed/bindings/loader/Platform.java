package dev.faceembed.bindings.loader;

import java.util.Locale;

/**
 * The operating system and CPU architecture this JVM runs on, with the names each packaging scheme uses for it.
 *
 * @param os   {@code linux}, {@code osx} or {@code windows}
 * @param arch {@code x86_64} or {@code aarch_64} (the classifier spelling used by our platform jars)
 */
public record Platform(String os, String arch) {

    /** The platform of the running JVM. */
    public static Platform current() {
        return of(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /** Normalises the JVM's {@code os.name} and {@code os.arch} spellings. */
    public static Platform of(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT);
        String os = name.startsWith("linux") ? "linux"
                : name.startsWith("mac") || name.startsWith("darwin") ? "osx"
                : name.startsWith("windows") ? "windows"
                : name.replaceAll("[^a-z0-9]", "");
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> osArch.toLowerCase(Locale.ROOT);
        };
        return new Platform(os, arch);
    }

    /** Classifier of our per-platform jars, e.g. {@code linux-x86_64}. */
    public String classifier() {
        return os + "-" + arch;
    }

    /**
     * Directory of this platform's native library inside Microsoft's {@code com.microsoft.onnxruntime:onnxruntime}
     * jar ({@code ai/onnxruntime/native/<dir>/}), e.g. {@code linux-x64}.
     */
    public String onnxRuntimeDirectory() {
        String a = switch (arch) {
            case "x86_64" -> "x64";
            case "aarch_64" -> "aarch64";
            default -> arch;
        };
        String o = os.equals("windows") ? "win" : os;
        return o + "-" + a;
    }

    public boolean isLinuxX86_64() {
        return os.equals("linux") && arch.equals("x86_64");
    }

    @Override
    public String toString() {
        return classifier();
    }
}

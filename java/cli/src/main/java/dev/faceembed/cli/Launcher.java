package dev.faceembed.cli;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Main-Class} of embed.jar, compiled for Java 8 so that any {@code java} can start it. On Java 22+ it runs
 * {@link EmbedJar}. On an older Java it starts embed.jar again with the newest JDK 22+ it can find
 * ({@code JAVA_HOME}, then the usual install folders), passing on {@code -D}/{@code -X} options and the arguments,
 * or says plainly what is missing.
 */
public final class Launcher {
    private static final int REQUIRED = 22;
    private static final String[] JDK_FOLDERS = {"/usr/lib/jvm", "/usr/java", "/opt/java",
            "/Library/Java/JavaVirtualMachines"};

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (feature(System.getProperty("java.specification.version")) >= REQUIRED) {
            Class.forName("dev.faceembed.cli.EmbedJar").getMethod("main", String[].class).invoke(null, (Object) args);
            return;
        }
        List<String> tried = new ArrayList<String>();
        String java = findJava(tried);
        if (java == null) {
            System.err.println("embed: needs Java " + REQUIRED + " or newer (java.lang.foreign); this is Java "
                    + System.getProperty("java.version") + " at " + System.getProperty("java.home") + ".");
            System.err.println("embed: looked for a newer JDK in: " + tried);
            System.err.println("embed: install a JDK " + REQUIRED + "+ and run embed.jar with its java, or set"
                    + " JAVA_HOME to it.");
            System.exit(2);
        }
        List<String> command = new ArrayList<String>();
        command.add(java);
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-D") || option.startsWith("-X")) {
                command.add(option);
            }
        }
        command.add("-jar");
        command.add(new File(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getPath());
        for (String arg : args) {
            command.add(arg);
        }
        Process child = new ProcessBuilder(command).inheritIO().start();
        System.exit(child.waitFor());
    }

    private static String findJava(List<String> tried) {
        String best = null;
        int bestFeature = 0;
        List<File> homes = new ArrayList<File>();
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && javaHome.length() > 0) {
            homes.add(new File(javaHome));
            tried.add("JAVA_HOME=" + javaHome);
        }
        for (String folder : JDK_FOLDERS) {
            File[] children = new File(folder).listFiles();
            if (children == null) {
                continue;
            }
            tried.add(folder);
            for (File child : children) {
                homes.add(new File(child, "Contents/Home").isDirectory() ? new File(child, "Contents/Home") : child);
            }
        }
        for (File home : homes) {
            File java = new File(home, "bin/java");
            int feature = releaseFeature(home);
            if (java.canExecute() && feature >= REQUIRED && feature > bestFeature) {
                best = java.getPath();
                bestFeature = feature;
            }
        }
        return best;
    }

    /** The feature version in a JDK's {@code release} file ({@code JAVA_VERSION="25.0.3"}), 0 if unknown. */
    private static int releaseFeature(File home) {
        try {
            for (String line : Files.readAllLines(new File(home, "release").toPath(), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return feature(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** 8 for "1.8", 25 for "25.0.3". */
    private static int feature(String version) {
        String[] parts = version.split("[.\\-+]");
        try {
            int first = Integer.parseInt(parts[0]);
            return first == 1 && parts.length > 1 ? Integer.parseInt(parts[1]) : first;
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

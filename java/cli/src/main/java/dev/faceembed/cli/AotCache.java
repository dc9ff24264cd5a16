package dev.faceembed.cli;

import dev.faceembed.config.PipelineConfigLoader;
import dev.faceembed.files.CacheFolders;
import dev.faceembed.files.VerifiedFiles;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JDK's AOT cache (JEP 483, 514, 515) of embed.jar: the classes a command loads, already parsed, verified and
 * linked, with method profiles, so that a new JVM runs the command sooner.
 *
 * <p>A JVM uses an AOT cache only when started with {@code -XX:AOTCache=FILE}, which {@code java -jar embed.jar}
 * cannot say, so embed.jar starts the command in a second JVM with the flag ({@link #run}), passing on its own JVM
 * options, standard streams, exit code and termination. The cache belongs to one jar path, JDK and set of JVM
 * options ({@code <key>.aot} in {@code $FACEEMBED_CACHE_DIR/aot}, else {@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/aot})
 * and is used only while the jar is the one it was made from: a stamp ({@link VerifiedFiles}) ties it to the jar's identity. It is made in the background after a
 * command ran without one ({@link AotCacheBuilder}; a failure is remembered, with the JVM's messages in
 * {@code <key>.aot.log}, and not retried for the same jar), and only this user can write it: a JVM runs what its AOT
 * cache holds.
 *
 * <p>Off with {@code -Dfaceembed.aot=off} or {@code FACEEMBED_AOT=off}; not used on a JDK older than 25, when the JVM
 * options already name an AOT or CDS archive, or when embed.jar was not started with {@code -jar}.
 *
 * <p>The JVM that starts the other one only waits for it, so what it runs before that is kept plain: no lambdas,
 * streams or string concatenation with {@code +}, each of which would generate classes at run time.
 */
final class AotCache {
    /** {@code off} turns the AOT cache off. */
    static final String SWITCH_PROPERTY = "faceembed.aot";
    static final String SWITCH_VARIABLE = PipelineConfigLoader.AOT_VARIABLE;
    /** Set in a JVM started with or for a cache: the cache file. */
    static final String CACHE_PROPERTY = "faceembed.aot.cache";
    /**
     * Flags of every JVM started with or for a cache: quiet about a cache it cannot use (it then runs without one),
     * and the native access that embed.jar's manifest grants, which a JVM started with {@code -cp} does not read.
     */
    static final List<String> FLAGS = List.of("-Xlog:aot*=off,cds*=off", "--enable-native-access=ALL-UNNAMED");

    private static final int REQUIRED_FEATURE = 25;
    private static final Path NICE = Path.of("/usr/bin/nice");
    private static final List<String> ARCHIVE_OPTIONS = List.of("-XX:AOT", "-XX:SharedArchiveFile",
            "-XX:+AutoCreateSharedArchive", "-XX:ArchiveClassesAtExit", "-Xshare:off");

    private final Path file;
    private final Path jar;
    private final List<String> jvmOptions;
    private final VerifiedFiles stamps;

    AotCache(Path file, Path jar, List<String> jvmOptions) {
        this.file = file;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.stamps = new VerifiedFiles(file.getParent().resolve("verified"));
    }

    /**
     * The cache for this process, which was started as {@code java [options] -jar <jar> ...} (read from
     * {@code /proc/self/cmdline}); empty if it is off or does not apply (see the class comment).
     */
    static Optional<AotCache> forThisProcess(Map<String, String> environment) {
        String setting = System.getProperty(SWITCH_PROPERTY, environment.getOrDefault(SWITCH_VARIABLE, ""));
        if (!switchedOn(setting) || System.getProperty(CACHE_PROPERTY) != null
                || Runtime.version().feature() < REQUIRED_FEATURE) {
            return Optional.empty();
        }
        Optional<Path> jar = runningJar();
        List<String> arguments = commandLine();
        if (jar.isEmpty() || arguments.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<String>> options = jvmOptions(arguments.subList(1, arguments.size()), jar.get());
        if (options.isEmpty()) {
            return Optional.empty();
        }
        Path file = folder(environment).resolve(key(jar.get(), options.get(), environment).concat(".aot"));
        return Optional.of(new AotCache(file, jar.get(), options.get()));
    }

    /**
     * Whether a value of {@code -Dfaceembed.aot} or {@code FACEEMBED_AOT} leaves the cache on: unset, empty or
     * {@code on}. {@code off} turns it off, and so does any other value, with a warning: a mistyped switch should
     * neither pass unnoticed nor stop the command.
     */
    static boolean switchedOn(String setting) {
        if (setting.isEmpty() || setting.equalsIgnoreCase("on")) {
            return true;
        }
        if (!setting.equalsIgnoreCase("off")) {
            System.err.println(String.join("", "[WARN] ", SWITCH_VARIABLE, "=", setting,
                    " is neither on nor off: running without the AOT cache"));
        }
        return false;
    }

    /**
     * The JVM options before {@code -jar <jar>} in a command line (without the java executable), if it runs
     * {@code jar} with {@code -jar} and names no archive of its own.
     */
    static Optional<List<String>> jvmOptions(List<String> arguments, Path jar) {
        int at = arguments.indexOf("-jar");
        if (at < 0 || at + 1 >= arguments.size() || !sameFile(Path.of(arguments.get(at + 1)), jar)) {
            return Optional.empty();
        }
        List<String> options = arguments.subList(0, at);
        for (String option : options) {
            for (String archive : ARCHIVE_OPTIONS) {
                if (option.startsWith(archive)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of(List.copyOf(options));
    }

    Path file() {
        return file;
    }

    /** Whether the cache exists, only this user can have written it, and it was made from the jar as it is now. */
    boolean ready() {
        Optional<String> cache = VerifiedFiles.privateIdentity(file);
        Optional<String> jarIdentity = VerifiedFiles.identity(jar);
        if (cache.isEmpty() || jarIdentity.isEmpty()) {
            return false;
        }
        Optional<String> made = stamps.recall(subject("made"));
        return made.isPresent() && made.get().equals(String.join(" ", jarIdentity.get(), cache.get()));
    }

    /** Remembers that the cache, as it is now, was made from the jar as it is now. */
    void stampMade() {
        Optional<String> cache = VerifiedFiles.privateIdentity(file);
        Optional<String> jarIdentity = VerifiedFiles.identity(jar);
        if (cache.isPresent() && jarIdentity.isPresent()) {
            stamps.remember(subject("made"), String.join(" ", jarIdentity.get(), cache.get()));
        }
    }

    /** Remembers that making the cache from the jar as it is now failed, so that it is not tried again for it. */
    void stampFailed() {
        Optional<String> jarIdentity = VerifiedFiles.identity(jar);
        if (jarIdentity.isPresent()) {
            stamps.remember(subject("failed"), jarIdentity.get());
        }
    }

    /** Whether making the cache from the jar as it is now failed before. */
    boolean failedBefore() {
        Optional<String> jarIdentity = VerifiedFiles.identity(jar);
        return jarIdentity.isPresent() && stamps.recall(subject("failed")).equals(jarIdentity);
    }

    private String subject(String what) {
        return String.join(" ", "aot", what, file.toString(), "for", jar.toString(), String.join(" ", jvmOptions));
    }

    /** Where the JVM that made the cache wrote its messages, kept when making it failed. */
    Path log() {
        return file.resolveSibling(file.getFileName().toString().concat(".log"));
    }

    /** The command that starts {@code main} (a class and its arguments) in a JVM with {@code aotOptions}. */
    List<String> command(List<String> aotOptions, List<String> main) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(aotOptions);
        command.addAll(FLAGS);
        command.addAll(jvmOptions);
        command.add("-D".concat(CACHE_PROPERTY).concat("=").concat(file.toString()));
        command.add("-cp");
        command.add(jar.toString());
        command.addAll(main);
        return command;
    }

    /** Runs embed with {@code args} in a JVM started with the cache, and returns its exit code. */
    int run(String[] args) throws IOException, InterruptedException {
        List<String> main = new ArrayList<>(List.of(EmbedJar.class.getName()));
        main.addAll(List.of(args));
        List<String> flag = List.of("-XX:AOTCache=".concat(file.toString()));
        return ChildProcess.run(new ProcessBuilder(command(flag, main)).inheritIO());
    }

    /**
     * Starts making the cache in a process of its own that outlives this one, at low priority, unless making it
     * from this jar failed before; quietly does nothing if the process cannot start.
     */
    void createInBackground() {
        if (failedBefore()) {
            return;
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(NICE)) {
            command.addAll(List.of(NICE.toString(), "-n", "10"));
        }
        command.addAll(List.of(java(), "-cp", jar.toString(), AotCacheBuilder.class.getName(), file.toString(),
                jar.toString()));
        command.addAll(jvmOptions);
        try {
            new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            // No cache this time; the next command tries again.
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This process's command line, the java executable first; empty where {@code /proc} does not tell. */
    private static List<String> commandLine() {
        try {
            String text = new String(Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.UTF_8);
            return List.of(text.split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static Optional<Path> runningJar() {
        try {
            Path location = Path.of(AotCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location.toAbsolutePath().normalize())
                    : Optional.empty();
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code $FACEEMBED_CACHE_DIR/aot}, else {@code ${XDG_CACHE_HOME:-~/.cache}/faceembed/aot}. */
    static Path folder(Map<String, String> environment) {
        return CacheFolders.of("aot", environment, System.getProperty("user.home", ""));
    }

    /** What a cache depends on besides the jar's bytes: where the jar is, the JDK build, the JVM options. */
    static String key(Path jar, List<String> jvmOptions, Map<String, String> environment) {
        return VerifiedFiles.nameOf(String.join("\n", jar.toString(), System.getProperty("java.home"),
                System.getProperty("java.vm.version"), String.join("\0", jvmOptions),
                environment.getOrDefault("JDK_JAVA_OPTIONS", ""), environment.getOrDefault("JAVA_TOOL_OPTIONS", "")));
    }
}

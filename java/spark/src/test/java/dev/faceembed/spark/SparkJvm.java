package dev.faceembed.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM started by the tests with a Spark home's jars as its class path (a master, a worker, spark-submit), its
 * output going to a log file. Stopping it also stops the JVMs it started (a worker's executors and drivers).
 */
final class SparkJvm {
    private static final long POLL_MILLIS = 100;

    private final String name;
    private final Process process;
    private final Path log;

    private SparkJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmOptions> -cp <home>/jars/* mainClass args} with the environment a Spark distribution's
     * scripts would give it: SPARK_HOME, SPARK_SCALA_VERSION (without it a worker cannot build the class path of
     * its executors: "Cannot find any build directories"), JAVA_HOME of this JVM, and loopback only.
     *
     * @param toolOptions JVM flags for this JVM and every JVM it starts (JAVA_TOOL_OPTIONS, which a worker passes on
     *                    to its executors and drivers), or empty for none
     */
    static SparkJvm start(String name, Path home, List<String> jvmOptions, String mainClass, List<String> args,
                          Path log, List<String> toolOptions) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", home.resolve("jars") + "/*", mainClass));
        command.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        // Nothing of the machine's own Spark, Hadoop or faceembed set-up may leak into the cluster.
        env.keySet().removeIf(key -> key.startsWith("SPARK_") || key.startsWith("HADOOP_")
                || key.startsWith("FACEEMBED_") || key.equals("XDG_CACHE_HOME") || key.equals("JAVA_TOOL_OPTIONS"));
        if (!toolOptions.isEmpty()) {
            env.put("JAVA_TOOL_OPTIONS", String.join(" ", toolOptions));
        }
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return new SparkJvm(name, builder.start(), log);
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** What the JVM has written so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for a line of the log that {@code pattern} finds and returns group 1 of the match.
     *
     * @throws IllegalStateException if the JVM exits first or {@code timeout} passes, with the end of the log
     */
    String await(Pattern pattern, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher matcher = pattern.matcher(output());
            if (matcher.find()) {
                return matcher.group(1);
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(name + (process.isAlive() ? " did not log '" + pattern + "' within "
                        + timeout : " exited with " + process.exitValue() + " before it logged '" + pattern + "'")
                        + "; its log " + log + " ends with:\n" + tail());
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Waits for the JVM to exit and returns its exit code; stops it and fails if {@code timeout} passes. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            stop(Duration.ofSeconds(10));
            throw new IllegalStateException(name + " did not finish within " + timeout + "; its log " + log
                    + " ends with:\n" + tail());
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Stops the JVM and every process it started: SIGTERM (so a worker stops its executors and drivers itself),
     * then SIGKILL for whatever still runs after {@code grace}.
     */
    void stop(Duration grace) throws InterruptedException {
        // Taken first: once the JVM is gone, its children are no longer its descendants.
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (ProcessHandle child : started) {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.onExit().orTimeout(grace.toMillis(), TimeUnit.MILLISECONDS).exceptionally(e -> child).join();
            }
        }
    }

    private String tail() {
        String text = output();
        return text.substring(Math.max(0, text.length() - 4000));
    }
}

package dev.faceembed.spark;

import dev.faceembed.files.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1, each part a separate JVM started from a Spark home: one master and N
 * workers with one core each, every port chosen free by the JVM that binds it (read back from its log), the master's
 * REST submission server off (its port is fixed). {@link #submit} runs {@code org.apache.spark.deploy.SparkSubmit}
 * against it in a JVM of its own. Everything lives in one folder: logs, the workers' work dirs (each executor's and
 * each cluster-mode driver's folder with its stdout and stderr).
 *
 * <p>{@link #close()} stops every JVM of the cluster, the workers' executors and drivers included; a shutdown hook
 * does the same if this JVM exits first.
 */
final class StandaloneCluster implements AutoCloseable {
    /** How long the master and the workers may take to come up. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");
    private static final Pattern MASTER_UI_PORT =
            Pattern.compile("Successfully started service 'MasterUI' on port (\\d+)");
    /** The master and workers only pass messages: a small heap, and no optimising compiler competing for the CPU. */
    private static final List<String> DAEMON_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

    /**
     * For a cluster that runs tests, not measurements: every JVM of it (executors and drivers included) with the
     * quick client compiler only and the serial collector, so that on two cores the optimising compiler's and the
     * collector's threads of a dozen JVMs do not outrun the work itself (it halves the cluster test's time).
     */
    static final List<String> QUICK_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Layout layout;
    private final Path dir;
    private final List<String> toolOptions;
    private final List<SparkJvm> jvms = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "spark-cluster-stop");
    private final HttpClient http = HttpClient.newHttpClient();
    private String masterUrl;
    private int masterUiPort;
    private boolean closed;

    /**
     * What a cluster is made of, as the build describes it (system properties set by Maven).
     *
     * @param sparkHome  a Spark home: {@code jars/} is all the master, workers and executors need
     * @param jobJar     the job jar to submit
     * @param jvmOptions the flags of the JVMs started here (Spark's module options, native access)
     * @param buildDir   the module's {@code target/}
     */
    record Layout(Path sparkHome, Path jobJar, List<String> jvmOptions, Path buildDir) {
        static Layout fromBuild() {
            return new Layout(Path.of(property("faceembed.spark.home")), Path.of(property("faceembed.job.jar")),
                    Arrays.asList(property("faceembed.spark.jvm.options").trim().split("\\s+")),
                    Path.of(property("faceembed.build.dir")));
        }

        private static String property(String name) {
            String value = System.getProperty(name);
            if (value == null) {
                throw new IllegalStateException("system property " + name + " is not set: run this through Maven"
                        + " (java/spark/pom.xml sets it)");
            }
            return value;
        }
    }

    /** The outcome of one spark-submit: its exit code and everything it printed. */
    record Submission(int exitCode, String output, Path log) {
    }

    private StandaloneCluster(Layout layout, Path dir, List<String> toolOptions) {
        this.layout = layout;
        this.dir = dir;
        this.toolOptions = List.copyOf(toolOptions);
    }

    /**
     * Starts a master and {@code workers} workers in {@code dir} and waits until every worker has registered.
     *
     * @param toolOptions JVM flags of every JVM of the cluster, spark-submit, executors and drivers included (e.g.
     *                    {@link #QUICK_START}), or empty
     */
    static StandaloneCluster start(Layout layout, Path dir, int workers, List<String> toolOptions)
            throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(layout, dir, toolOptions);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        boolean started = false;
        long start = System.nanoTime();
        try {
            cluster.startMaster();
            for (int i = 1; i <= workers; i++) {
                cluster.startWorker(i);
            }
            cluster.awaitWorkers(workers);
            System.err.printf(Locale.ROOT, "master and %d worker(s) up at %s after %.1f s%n", workers,
                    cluster.masterUrl, (System.nanoTime() - start) / 1e9);
            started = true;
            return cluster;
        } finally {
            if (!started) {
                cluster.close();
            }
        }
    }

    String masterUrl() {
        return masterUrl;
    }

    Path dir() {
        return dir;
    }

    Layout layout() {
        return layout;
    }

    /**
     * Runs {@code java <Spark's flags> -cp <home>/jars/* org.apache.spark.deploy.SparkSubmit args} (what
     * {@code bin/spark-submit args} runs) and waits for it to exit.
     */
    Submission submit(String name, List<String> args, Duration timeout) throws IOException, InterruptedException {
        Path log = dir.resolve("submit-" + name + ".log");
        Files.writeString(dir.resolve("submit-" + name + ".args"), String.join("\n", args) + "\n");
        List<String> options = new ArrayList<>(layout.jvmOptions());
        options.add("-Xmx1g");
        SparkJvm submit = SparkJvm.start("spark-submit " + name, layout.sparkHome(), options,
                "org.apache.spark.deploy.SparkSubmit", args, log, toolOptions);
        synchronized (this) {
            jvms.add(submit);
        }
        long start = System.nanoTime();
        int exitCode = submit.waitFor(timeout);
        System.err.printf(Locale.ROOT, "spark-submit %s exited with %d after %.1f s%n", name, exitCode,
                (System.nanoTime() - start) / 1e9);
        return new Submission(exitCode, submit.output(), log);
    }

    /** The id of the application named {@code name}, running or finished. */
    String appId(String name) throws IOException, InterruptedException {
        Map<String, Object> status = status();
        for (String list : List.of("activeapps", "completedapps")) {
            for (Object app : (List<?>) status.get(list)) {
                Map<?, ?> fields = (Map<?, ?>) app;
                if (name.equals(fields.get("name"))) {
                    return (String) fields.get("id");
                }
            }
        }
        throw new IllegalStateException("the master knows no application named " + name + ": " + status);
    }

    /** The folders of the executors of application {@code appId} (one per executor, on any worker). */
    List<Path> executorDirs(String appId) throws IOException {
        return workDirs().flatMap(work -> list(work.resolve(appId))).toList();
    }

    /** The folders of the drivers that workers ran for cluster-mode submissions. */
    List<Path> driverDirs() throws IOException {
        return workDirs().flatMap(StandaloneCluster::list)
                .filter(path -> path.getFileName().toString().startsWith("driver-")).toList();
    }

    /** Stops every JVM of the cluster (idempotent). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // This JVM is shutting down and the hook runs (or ran) stopAll itself.
        }
    }

    private void startMaster() throws IOException, InterruptedException {
        // The REST submission server would take the fixed port 6066; submissions go through the master's own port.
        SparkJvm master = launch("master", "org.apache.spark.deploy.master.Master",
                List.of("--host", "127.0.0.1", "--port", "0", "--webui-port", "0"),
                "-Dspark.master.rest.enabled=false");
        masterUrl = master.await(MASTER_URL, START_TIMEOUT);
        masterUiPort = Integer.parseInt(master.await(MASTER_UI_PORT, START_TIMEOUT));
    }

    private void startWorker(int index) throws IOException {
        launch("worker-" + index, "org.apache.spark.deploy.worker.Worker", List.of("--host", "127.0.0.1",
                "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g",
                "--work-dir", workDir(index).toString(), masterUrl));
    }

    private SparkJvm launch(String name, String mainClass, List<String> args, String... extraOptions)
            throws IOException {
        List<String> options = new ArrayList<>(layout.jvmOptions());
        options.addAll(DAEMON_OPTIONS);
        options.addAll(List.of(extraOptions));
        SparkJvm jvm = SparkJvm.start(name, layout.sparkHome(), options, mainClass, args,
                dir.resolve(name + ".log"), toolOptions);
        synchronized (this) {
            jvms.add(jvm);
        }
        return jvm;
    }

    private void awaitWorkers(int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Object alive = status().get("aliveworkers");
            if (alive instanceof Number n && n.intValue() == expected) {
                return;
            }
            for (SparkJvm jvm : jvms) {
                if (!jvm.isAlive()) {
                    throw new IllegalStateException(jvm.name() + " exited; see " + jvm.log());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(alive + " of " + expected + " workers registered within "
                        + START_TIMEOUT + "; see the logs in " + dir);
            }
            Thread.sleep(200);
        }
    }

    /** The master's state as its web UI gives it ({@code /json/}). */
    private Map<String, Object> status() throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + masterUiPort + "/json/");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return Json.parseObject(response.body(), uri.toString());
    }

    private Path workDir(int worker) {
        return dir.resolve("worker-" + worker + "-work");
    }

    private Stream<Path> workDirs() throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(path -> path.getFileName().toString().endsWith("-work")).toList().stream();
        }
    }

    private static Stream<Path> list(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Latest first: submissions, then workers (which stop their executors and drivers), then the master. */
    private void stopAll() {
        List<SparkJvm> stopping;
        synchronized (this) {
            stopping = new ArrayList<>(jvms);
        }
        for (SparkJvm jvm : stopping.reversed()) {
            try {
                jvm.stop(STOP_GRACE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

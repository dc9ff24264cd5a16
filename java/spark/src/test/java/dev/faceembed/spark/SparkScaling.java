package dev.faceembed.spark;

import dev.faceembed.onnxruntime.OnnxRuntimeOptions;
import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Spark adds to embedding: the same synthetic raw crops embedded by {@link FaceEmbedder} against the
 * single-process path ({@code EmbeddingBackends.create()} + {@code encodeInto}, batch by batch) measured alongside:
 * rounds of the two alternate, so both see the same machine, and the ratio is the median of the paired rounds.
 * Spark's input is written to Parquet, read and cached first and its output goes to the {@code noop} sink, so the
 * numbers are embedding plus Spark's per-row and per-task work, not I/O. Each path runs one warm-up round first
 * (model load, JIT), whose seconds are shown apart.
 *
 * <ul>
 *   <li>{@code local}: {@code local[1]} and {@code local[2]} (ONNX Runtime's default intra-op threads, i.e. every
 *       core per call; one thread per call; one thread per call on two sessions of the model);</li>
 *   <li>{@code cluster}: a {@link StandaloneCluster} of 1 and of 2 one-core workers, the executors separate JVMs
 *       running the job jar, with one and with the default intra-op threads; it also shows what starting costs:
 *       the cluster, the application until its executors registered, and each executor's backend opening (from
 *       the executors' logs).</li>
 * </ul>
 *
 * <p>Run with {@code mvn -f java/spark/pom.xml test-compile exec:exec@scaling} (arguments: crops, batch size, timed
 * rounds, local or cluster; default 512 32 5 local); {@code cluster} needs the job jar and the Spark home of a build.
 */
public final class SparkScaling {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("pixels", DataTypes.BinaryType, false);
    private static final long SEED = 42;
    private static final Pattern OPENED = Pattern.compile("faceembed backend .* opened in ([0-9.]+) s");

    private final List<byte[]> crops;
    private final int batchSize;
    private final int rounds;
    private Path inputDir;

    private SparkScaling(List<byte[]> crops, int batchSize, int rounds) {
        this.crops = crops;
        this.batchSize = batchSize;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean cluster = args.length > 3 && args[3].equals("cluster");
        List<byte[]> crops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            crops.add(crop(i));
        }
        SparkScaling scaling = new SparkScaling(crops, batch, rounds);
        System.out.printf(Locale.ROOT, "%d synthetic 112x112 uint8 crops, batch %d, %d cores, median of %d rounds"
                + " after 1 warm-up%n", count, batch, Runtime.getRuntime().availableProcessors(), rounds);
        System.out.printf(Locale.ROOT, "%-48s %9s %14s %7s %8s %6s%n", "path", "rows/s", "single rows/s", "ratio",
                "warm-up", "load");
        EmbeddingOptions oneThread = EmbeddingOptions.defaults()
                .withSection(OnnxRuntimeOptions.SECTION, OnnxRuntimeOptions.defaults().withIntraOpThreads(1));
        ConfigSource oneThreadPerCall = ConfigSource.defaults().withOverride("onnxruntime.intra_op_threads", "1");
        try (SingleProcess single = scaling.new SingleProcess(EmbeddingOptions.defaults());
             SingleProcess singleOneThread = scaling.new SingleProcess(oneThread)) {
            scaling.compare("single process, intra-op threads 1", singleOneThread::round, single);
            if (cluster) {
                scaling.cluster(1, Map.of("intra-op threads 1", oneThreadPerCall,
                        "intra-op threads default", ConfigSource.defaults()), single);
                scaling.cluster(2, Map.of("intra-op threads 1", oneThreadPerCall,
                        "intra-op threads default", ConfigSource.defaults()), single);
            } else {
                scaling.local("local[1]", Map.of("intra-op threads default", ConfigSource.defaults()), single);
                scaling.local("local[2]", Map.of("intra-op threads default", ConfigSource.defaults(),
                        "intra-op threads 1", oneThreadPerCall,
                        "intra-op threads 1, 2 sessions", oneThreadPerCall.withOverride("onnxruntime.sessions", "2")),
                        single);
            }
        } finally {
            ExecutorBackends.closeAll();
            if (scaling.inputDir != null) {
                TestFiles.deleteTree(scaling.inputDir);
            }
        }
    }

    /** The single-process path: one backend, one reused batch, {@code encodeInto} batch by batch. */
    private final class SingleProcess implements AutoCloseable {
        private final EmbeddingBackend backend;
        private final Arena arena = Arena.ofConfined();
        private final FaceBatch batch;
        private final MemorySegment out;

        SingleProcess(EmbeddingOptions options) {
            backend = EmbeddingBackends.create(options);
            backend.ensureReady();
            batch = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, batchSize);
            out = arena.allocate((long) batchSize * backend.embeddingDim() * Float.BYTES, 64);
        }

        void round() {
            for (int first = 0; first < crops.size(); first += batchSize) {
                int n = Math.min(batchSize, crops.size() - first);
                for (int i = 0; i < n; i++) {
                    byte[] crop = crops.get(first + i);
                    MemorySegment.copy(crop, 0, batch.crop(i), ValueLayout.JAVA_BYTE, 0, crop.length);
                }
                backend.encodeInto(batch.setCount(n), out);
            }
        }

        @Override
        public void close() {
            backend.close();
            arena.close();
        }
    }

    /** Each configuration in a local-mode session on {@code master}. */
    private void local(String master, Map<String, ConfigSource> configs, SingleProcess single) throws IOException {
        SparkSession spark = TestSpark.builder(master).getOrCreate();
        try {
            embed(spark, master, configs, single);
        } finally {
            spark.stop();
        }
    }

    /**
     * Each configuration on a standalone cluster of {@code workers} one-core workers: the driver is this JVM, the
     * executors run the job jar. Prints how long the cluster and the application took to start, then the rates,
     * then how long each executor took to open each backend.
     */
    private void cluster(int workers, Map<String, ConfigSource> configs, SingleProcess single) throws Exception {
        StandaloneCluster.Layout layout = StandaloneCluster.Layout.fromBuild();
        String input = writeInput();
        Path dir = layout.buildDir().resolve("spark-cluster").resolve("scaling-" + workers);
        TestFiles.deleteTree(dir);
        Files.createDirectories(dir);
        long start = System.nanoTime();
        try (StandaloneCluster cluster = StandaloneCluster.start(layout, dir, workers, List.of())) {
            double clusterUp = seconds(start);
            start = System.nanoTime();
            SparkSession spark = TestSpark.builder(cluster.masterUrl())
                    .config("spark.jars", layout.jobJar().toString())
                    .config("spark.cores.max", workers)
                    .config("spark.executor.memory", "768m")
                    .getOrCreate();
            try {
                awaitExecutors(spark, workers);
                System.out.printf(Locale.ROOT, "%d worker(s): master and workers up in %.1f s, the application's"
                        + " executors registered %.1f s after it started%n", workers, clusterUp, seconds(start));
                embed(spark.read().parquet(input), workers + " worker(s)", configs, single);
                for (Path executor : cluster.executorDirs(spark.sparkContext().applicationId())) {
                    Matcher opened = OPENED.matcher(Files.readString(executor.resolve("stderr")));
                    List<String> seconds = new ArrayList<>();
                    while (opened.find()) {
                        seconds.add(opened.group(1) + " s");
                    }
                    System.out.println("  executor " + executor.getFileName() + " opened its backends in "
                            + String.join(", ", seconds) + " (in the order of the rows above)");
                }
            } finally {
                spark.stop();
            }
        }
    }

    private void embed(SparkSession spark, String label, Map<String, ConfigSource> configs, SingleProcess single)
            throws IOException {
        embed(spark.read().parquet(writeInput(spark)), label, configs, single);
    }

    /** Each configuration in turn on {@code crops}, cached first with one partition per core. */
    private void embed(Dataset<Row> crops, String label, Map<String, ConfigSource> configs, SingleProcess single) {
        Dataset<Row> input = crops.repartition(crops.sparkSession().sparkContext().defaultParallelism()).cache();
        input.count();
        for (Map.Entry<String, ConfigSource> config : new TreeMap<>(configs).entrySet()) {
            Dataset<Row> embedded = FaceEmbedder.create(config.getValue()).cropColumn("pixels")
                    .cropEncoding(CropEncoding.RAW_RGB).batchSize(batchSize).embed(input);
            compare(label + ", " + config.getKey(), () -> embedded.write().format("noop").mode("overwrite").save(),
                    single);
        }
        input.unpersist();
    }

    private static void awaitExecutors(SparkSession spark, int executors) throws InterruptedException {
        long deadline = System.nanoTime() + StandaloneCluster.START_TIMEOUT.toNanos();
        // The driver is listed too.
        while (spark.sparkContext().statusTracker().getExecutorInfos().length < executors + 1) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(executors + " executors did not register within "
                        + StandaloneCluster.START_TIMEOUT);
            }
            Thread.sleep(50);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    /** Alternates rounds of {@code measured} and {@code single} and prints both rates and their paired ratio. */
    private void compare(String label, Runnable measured, SingleProcess single) {
        long start = System.nanoTime();
        measured.run();
        double warmUp = seconds(start);
        single.round();
        double[] rates = new double[rounds];
        double[] singleRates = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rates[r] = rate(measured);
            singleRates[r] = rate(single::round);
            ratios[r] = rates[r] / singleRates[r];
        }
        System.out.printf(Locale.ROOT, "%-48s %9.1f %14.1f %6.2fx %7.2fs %6.2f%n", label, median(rates),
                median(singleRates), median(ratios), warmUp,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private double rate(Runnable round) {
        long start = System.nanoTime();
        round.run();
        return crops.size() / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The crops as Parquet, written once; generated by the tasks, since a local list would travel inside them. */
    private String writeInput(SparkSession spark) throws IOException {
        if (inputDir == null) {
            inputDir = Files.createTempDirectory("faceembed-scaling");
            spark.range(crops.size())
                    .map((MapFunction<Long, Row>) id -> RowFactory.create(id.intValue(), crop(id.intValue())),
                            Encoders.row(SCHEMA))
                    .write().parquet(inputDir.resolve("crops").toString());
        }
        return inputDir.resolve("crops").toString();
    }

    /** The same, written by a local session: a cluster's executors lack this class to generate crops with. */
    private String writeInput() throws IOException {
        if (inputDir == null) {
            SparkSession local = TestSpark.builder("local[2]").getOrCreate();
            try {
                writeInput(local);
            } finally {
                local.stop();
            }
        }
        return inputDir.resolve("crops").toString();
    }

    /** Crop {@code index} of the measured data: the same bytes in every path. */
    private static byte[] crop(int index) {
        return TestCrops.raw(1, SEED + index).getFirst();
    }
}

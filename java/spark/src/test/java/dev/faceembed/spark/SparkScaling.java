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
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * What Spark adds to embedding: the same synthetic raw crops embedded by {@link FaceEmbedder} in {@code local[1]} and
 * {@code local[2]} (ONNX Runtime's default intra-op threads, i.e. every core per call; one thread per call; one
 * thread per call on two sessions of the model), against the single-process path ({@code EmbeddingBackends.create()}
 * + {@code encodeInto}, batch by batch) measured alongside: rounds of the two alternate, so both see the same
 * machine, and the ratio is the median of the paired rounds. Spark's input is written to Parquet, read and cached
 * first and its output goes to the {@code noop} sink, so the numbers are embedding plus Spark's per-row and per-task
 * work, not I/O.
 *
 * <p>Run with {@code mvn -f java/spark/pom.xml test-compile exec:exec@scaling} (arguments: crops, batch size,
 * timed rounds; default 512 32 5). Each path runs one warm-up round first (model load, JIT).
 */
public final class SparkScaling {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("pixels", DataTypes.BinaryType, false);
    private static final long SEED = 42;

    private final List<byte[]> crops;
    private final int batchSize;
    private final int rounds;
    private Path inputDir;

    private SparkScaling(List<byte[]> crops, int batchSize, int rounds) {
        this.crops = crops;
        this.batchSize = batchSize;
        this.rounds = rounds;
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        List<byte[]> crops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            crops.add(crop(i));
        }
        SparkScaling scaling = new SparkScaling(crops, batch, rounds);
        System.out.printf(Locale.ROOT, "%d synthetic 112x112 uint8 crops, batch %d, %d cores, median of %d rounds"
                + " after 1 warm-up%n", count, batch, Runtime.getRuntime().availableProcessors(), rounds);
        System.out.printf(Locale.ROOT, "%-42s %9s %14s %7s %6s%n", "path", "rows/s", "single rows/s", "ratio",
                "load");
        EmbeddingOptions oneThread = EmbeddingOptions.defaults()
                .withSection(OnnxRuntimeOptions.SECTION, OnnxRuntimeOptions.defaults().withIntraOpThreads(1));
        try (SingleProcess single = scaling.new SingleProcess(EmbeddingOptions.defaults());
             SingleProcess singleOneThread = scaling.new SingleProcess(oneThread)) {
            scaling.compare("single process, intra-op threads 1", singleOneThread::round, single);
            scaling.spark("local[1], intra-op threads default", "local[1]", ConfigSource.defaults(), single);
            scaling.spark("local[2], intra-op threads default", "local[2]", ConfigSource.defaults(), single);
            ConfigSource oneThreadPerCall = ConfigSource.defaults().withOverride("onnxruntime.intra_op_threads", "1");
            scaling.spark("local[2], intra-op threads 1", "local[2]", oneThreadPerCall, single);
            scaling.spark("local[2], intra-op threads 1, 2 sessions", "local[2]",
                    oneThreadPerCall.withOverride("onnxruntime.sessions", "2"), single);
        } finally {
            ExecutorBackends.closeAll();
            scaling.deleteInput();
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

    private void spark(String label, String master, ConfigSource config, SingleProcess single)
            throws IOException {
        SparkSession spark = TestSpark.builder(master).getOrCreate();
        try {
            Dataset<Row> input = spark.read().parquet(writeInput(spark))
                    .repartition(spark.sparkContext().defaultParallelism()).cache();
            input.count();
            Dataset<Row> embedded = FaceEmbedder.create(config).cropColumn("pixels")
                    .cropEncoding(CropEncoding.RAW_RGB).batchSize(batchSize).embed(input);
            compare(label, () -> embedded.write().format("noop").mode("overwrite").save(), single);
        } finally {
            spark.stop();
        }
    }

    /** Alternates rounds of {@code measured} and {@code single} and prints both rates and their paired ratio. */
    private void compare(String label, Runnable measured, SingleProcess single) {
        measured.run();
        single.round();
        double[] rates = new double[rounds];
        double[] singleRates = new double[rounds];
        double[] ratios = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            rates[r] = rate(measured);
            singleRates[r] = rate(single::round);
            ratios[r] = rates[r] / singleRates[r];
        }
        System.out.printf(Locale.ROOT, "%-42s %9.1f %14.1f %6.2fx %6.2f%n", label, median(rates),
                median(singleRates), median(ratios),
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

    /** Crop {@code index} of the measured data: the same bytes in every path. */
    private static byte[] crop(int index) {
        return TestCrops.raw(1, SEED + index).getFirst();
    }

    private void deleteInput() throws IOException {
        if (inputDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(inputDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}

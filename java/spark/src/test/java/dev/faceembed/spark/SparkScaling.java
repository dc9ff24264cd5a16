package dev.faceembed.spark;

import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceBatch;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * What Spark adds to embedding: the same synthetic raw crops embedded by the single-process path
 * ({@code EmbeddingBackends.create()} + {@code encodeInto}, batch by batch) and by {@link FaceEmbedder} in
 * {@code local[1]} and {@code local[2]}, with ONNX Runtime's default intra-op threads (all cores per call) and with
 * one thread per call. Spark's input is written to Parquet, read and cached in memory first and its output goes to the {@code noop} sink, so the
 * numbers are embedding plus Spark's per-row and per-task work, not I/O.
 *
 * <p>Run with {@code mvn -f java/spark/pom.xml test-compile exec:exec@scaling} (arguments: crops, batch size,
 * timed rounds; default 512 32 5). Prints rows/s, the median of the timed rounds after one warm-up round.
 */
public final class SparkScaling {
    private static final StructType SCHEMA = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("pixels", DataTypes.BinaryType, false);

    private final List<byte[]> crops;
    private final int batchSize;
    private final int rounds;
    private double baseline;
    private Path inputDir;

    private SparkScaling(List<byte[]> crops, int batchSize, int rounds) {
        this.crops = crops;
        this.batchSize = batchSize;
        this.rounds = rounds;
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        SparkScaling scaling = new SparkScaling(TestCrops.raw(count, 42), batch, rounds);
        System.out.printf(Locale.ROOT, "%d synthetic 112x112 uint8 crops, batch %d, %d cores, median of %d rounds"
                + " after 1 warm-up%n", count, batch, Runtime.getRuntime().availableProcessors(), rounds);
        scaling.singleProcess("single process, intra-op threads default", EmbeddingOptions.defaults(), true);
        scaling.singleProcess("single process, intra-op threads 1",
                EmbeddingOptions.defaults().withSession(EmbeddingOptions.defaults().session().withIntraOpThreads(1)),
                false);
        scaling.spark("local[1], intra-op threads default", "local[1]", ConfigSource.defaults());
        scaling.spark("local[2], intra-op threads default", "local[2]", ConfigSource.defaults());
        scaling.spark("local[2], intra-op threads 1", "local[2]",
                ConfigSource.defaults().withOverride("onnxruntime.intra_op_threads", "1"));
        ExecutorBackends.closeAll();
        scaling.deleteInput();
    }

    private void singleProcess(String label, EmbeddingOptions options, boolean isBaseline) {
        try (EmbeddingBackend backend = EmbeddingBackends.create(options); Arena arena = Arena.ofConfined()) {
            backend.ensureReady();
            FaceBatch batch = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, batchSize);
            MemorySegment out = arena.allocate((long) batchSize * backend.embeddingDim() * Float.BYTES, 64);
            double rate = measure(() -> {
                for (int first = 0; first < crops.size(); first += batchSize) {
                    int n = Math.min(batchSize, crops.size() - first);
                    for (int i = 0; i < n; i++) {
                        byte[] crop = crops.get(first + i);
                        MemorySegment.copy(crop, 0, batch.crop(i), ValueLayout.JAVA_BYTE, 0, crop.length);
                    }
                    backend.encodeInto(batch.setCount(n), out);
                }
            });
            if (isBaseline) {
                baseline = rate;
            }
            print(label, rate);
        }
    }

    private void spark(String label, String master, ConfigSource config) {
        SparkSession spark = TestSpark.builder(master).getOrCreate();
        try {
            Dataset<Row> input = spark.read().parquet(writeInput(spark))
                    .repartition(spark.sparkContext().defaultParallelism()).cache();
            input.count();
            Dataset<Row> embedded = FaceEmbedder.create(config).cropColumn("pixels")
                    .cropEncoding(CropEncoding.RAW_RGB).batchSize(batchSize).embed(input);
            print(label, measure(() -> embedded.write().format("noop").mode("overwrite").save()));
        } finally {
            spark.stop();
        }
    }

    /** The crops as Parquet, written once: a local list would travel inside the tasks. */
    private String writeInput(SparkSession spark) {
        if (inputDir == null) {
            try {
                inputDir = Files.createTempDirectory("faceembed-scaling");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<Row> rows = new ArrayList<>(crops.size());
            for (int i = 0; i < crops.size(); i++) {
                rows.add(RowFactory.create(i, crops.get(i)));
            }
            for (int first = 0; first < rows.size(); first += 64) {
                spark.createDataFrame(rows.subList(first, Math.min(rows.size(), first + 64)), SCHEMA)
                        .write().mode("append").parquet(inputDir.resolve("crops").toString());
            }
        }
        return inputDir.resolve("crops").toString();
    }

    /** Rows per second: the median over the timed rounds, after one warm-up round (model load, JIT). */
    private double measure(Runnable round) {
        round.run();
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            round.run();
            rates[r] = crops.size() / ((System.nanoTime() - start) / 1e9);
        }
        Arrays.sort(rates);
        return rates[rounds / 2];
    }

    /** Also prints the system load average: other processes on the machine skew every number. */
    private void print(String label, double rate) {
        System.out.printf(Locale.ROOT, "%-38s %7.1f rows/s  %5.2fx single process  (load average %.2f)%n", label,
                rate, rate / baseline, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private void deleteInput() {
        if (inputDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(inputDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.faceembed.spark;

import dev.faceembed.detect.Face;
import dev.faceembed.detect.FacePipeline;
import dev.faceembed.detect.PhotoDecoder;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job jar on a real Spark standalone cluster: a master and two workers (one core each), every one a separate JVM
 * started from the Spark home that the build assembled, and {@code SparkSubmit} in its own JVM, in client mode and in
 * cluster mode. Each run embeds a few hundred crops with some bad rows from Parquet into Parquet, and the output
 * must equal the single-process {@code encode} of every crop; a third run finds the faces of photos ({@code --detect})
 * and each face's embedding must equal the single-process {@code FacePipeline}'s. Each executor must have opened the
 * backend once and extracted the native libraries into its own folder, with {@code user.home} unusable (as on YARN
 * and Kubernetes).
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@Tag("integration")
class StandaloneClusterIT {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(2);

    private static final Duration SUBMIT_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern EXTRACTS_TO = Pattern.compile("faceembed native libraries extract to (\\S+)");
    private static final StructType PNG_INPUT = new StructType()
            .add("id", DataTypes.LongType, false).add("image", DataTypes.BinaryType, true);
    private static final StructType RAW_INPUT = new StructType()
            .add("id", DataTypes.LongType, false).add("pixels", DataTypes.BinaryType, true);

    /** The detector tests' photos, in faceembed-core. */
    private static final Path PHOTOS = Path.of("..", "core", "src", "test", "resources", "photos");
    /** The client-mode driver runs in spark-submit's JVM, on loopback only. */
    private static final List<String> CLIENT_DRIVER = List.of("spark.driver.host=127.0.0.1",
            "spark.driver.bindAddress=127.0.0.1");

    private static SparkSession local;
    private static Reference reference;

    @BeforeAll
    static void start() {
        local = TestSpark.builder("local[1]").getOrCreate();
        reference = new Reference();
    }

    @AfterAll
    static void stop() {
        reference.close();
        local.stop();
    }

    /** The crops of one run and what each row must come out as. */
    private record Crops(List<Row> rows, Map<Long, float[]> expected, Map<Long, String> errors) {
    }

    @Test
    void clientModeEmbedsPngCropsOnTwoExecutors(@TempDir Path dir) throws Exception {
        Crops crops = pngCrops(200);
        Path input = write(crops, PNG_INPUT, dir.resolve("crops.parquet"));
        Path output = dir.resolve("embeddings.parquet");
        StandaloneCluster cluster = CLUSTER.cluster();

        StandaloneCluster.Submission run = submit(cluster, "client", "faceembed-it-client", 2, CLIENT_DRIVER, dir,
                List.of("--input", input.toString(), "--output", output.toString(), "--partitions", "4",
                        "--batch", "16", "--set", "onnxruntime.intra_op_threads=1"));

        assertEquals(0, run.exitCode(), () -> "spark-submit failed, see " + run.log());
        assertTrue(run.output().contains("onnxruntime: " + crops.rows().size() + " rows, " + crops.errors().size()
                + " without embedding"), run::output);
        assertOutput(crops, output);
        assertExecutors(cluster, "faceembed-it-client", 2);
    }

    @Test
    void clusterModeEmbedsRawCropsWithTheDriverOnAWorker(@TempDir Path dir) throws Exception {
        Crops crops = rawCrops(120);
        Path input = write(crops, RAW_INPUT, dir.resolve("crops.parquet"));
        Path output = dir.resolve("embeddings.parquet");
        StandaloneCluster cluster = CLUSTER.cluster();

        // The driver takes one worker's core, so the application gets one executor, on the other worker.
        StandaloneCluster.Submission run = submit(cluster, "cluster", "faceembed-it-cluster", 1,
                List.of("spark.standalone.submit.waitAppCompletion=true", "spark.driver.memory=768m",
                        "spark.driver.extraJavaOptions=--enable-native-access=ALL-UNNAMED"), dir,
                List.of("--input", input.toString(), "--output", output.toString(), "--crop-column", "pixels",
                        "--crop-encoding", "raw_rgb", "--batch", "16"));

        assertEquals(0, run.exitCode(), () -> "spark-submit failed, see " + run.log());
        List<Path> drivers = cluster.driverDirs();
        assertEquals(1, drivers.size(), drivers::toString);
        String driverOutput = Files.readString(drivers.getFirst().resolve("stdout"));
        assertTrue(driverOutput.contains("onnxruntime: " + crops.rows().size() + " rows, " + crops.errors().size()
                + " without embedding"), driverOutput);
        assertOutput(crops, output);
        assertExecutors(cluster, "faceembed-it-cluster", 1);
    }

    @Test
    void clientModeFindsTheFacesOfPhotos(@TempDir Path dir) throws Exception {
        byte[] portrait = Files.readAllBytes(PHOTOS.resolve("grace_hopper.jpg"));
        byte[] group = Files.readAllBytes(PHOTOS.resolve("group.jpg"));
        List<Row> rows = new ArrayList<>();
        for (long id = 0; id < 8; id++) {
            rows.add(RowFactory.create(id, id % 2 == 0 ? portrait : group));
        }
        rows.add(RowFactory.create(100L, Arrays.copyOf(group, group.length / 3)));
        rows.add(RowFactory.create(101L, null));
        Path input = dir.resolve("photos.parquet");
        local.createDataFrame(rows, PNG_INPUT).repartition(3).write().parquet(input.toString());
        Path output = dir.resolve("faces.parquet");
        StandaloneCluster cluster = CLUSTER.cluster();

        StandaloneCluster.Submission run = submit(cluster, "client", "faceembed-it-photos", 2, CLIENT_DRIVER, dir,
                List.of("--input", input.toString(), "--output", output.toString(), "--detect", "--partitions", "4",
                        "--batch", "2", "--set", "onnxruntime.intra_op_threads=1"));

        assertEquals(0, run.exitCode(), () -> "spark-submit failed, see " + run.log());
        assertTrue(run.output().contains("16 faces; photos without a face: 2"), run::output);
        List<Face> portraitFaces;
        List<Face> groupFaces;
        try (FacePipeline pipeline = FacePipeline.open(ConfigSource.defaults().load())) {
            portraitFaces = pipeline.process(new PhotoDecoder().decode(portrait)).faces();
            groupFaces = pipeline.process(new PhotoDecoder().decode(group)).faces();
        }
        List<Row> written = local.read().parquet(output.toString()).collectAsList();
        assertEquals(4 * portraitFaces.size() + 4 * groupFaces.size() + 2, written.size());
        for (Row row : written) {
            long id = row.getLong(0);
            if (id >= 100) {
                assertTrue(row.isNullAt(row.fieldIndex("face_index")), row::toString);
                assertTrue(row.<String>getAs("face_error").contains(id == 100 ? "photo (" : "no photo"),
                        row::toString);
            } else {
                Face face = (id % 2 == 0 ? portraitFaces : groupFaces).get(row.<Integer>getAs("face_index"));
                Reference.assertEmbedding(face.embedding(), row, "embedding", "face_error");
            }
        }
        assertExecutors(cluster, "faceembed-it-photos", 2);
    }

    /**
     * Submits the job jar in {@code mode} (client or cluster) as application {@code name}, with {@code driverConf},
     * {@code cores} one-core executors and {@code jobArgs}; the README shows the commands.
     */
    private static StandaloneCluster.Submission submit(StandaloneCluster cluster, String mode, String name,
                                                       int cores, List<String> driverConf, Path dir,
                                                       List<String> jobArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("--master", cluster.masterUrl(), "--deploy-mode", mode,
                "--name", name, "--class", "dev.faceembed.spark.EmbedJob"));
        List<String> conf = new ArrayList<>(driverConf);
        conf.addAll(List.of("spark.ui.enabled=false", "spark.sql.shuffle.partitions=2", "spark.cores.max=" + cores,
                "spark.executor.memory=768m", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                "spark.executor.extraJavaOptions=--enable-native-access=ALL-UNNAMED -Duser.home="
                        + unusableHome(dir)));
        conf.forEach(setting -> args.addAll(List.of("--conf", setting)));
        args.add(cluster.layout().jobJar().toString());
        args.addAll(jobArgs);
        return cluster.submit(mode, args, SUBMIT_TIMEOUT);
    }

    /** PNG crops (ids 0..good-1) and bad rows: null, not an image, a truncated PNG, no bytes. */
    private static Crops pngCrops(int good) {
        List<byte[]> raw = TestCrops.raw(good, 51);
        List<float[]> embeddings = reference.raw(raw);
        Crops crops = new Crops(new ArrayList<>(), new HashMap<>(), new HashMap<>());
        for (int i = 0; i < good; i++) {
            crops.rows().add(RowFactory.create((long) i, TestCrops.png(raw.get(i))));
            crops.expected().put((long) i, embeddings.get(i));
        }
        byte[] png = TestCrops.png(raw.getFirst());
        List<byte[]> bad = List.of("not an image".getBytes(StandardCharsets.UTF_8), Arrays.copyOf(png, png.length / 2),
                new byte[0]);
        for (int i = 0; i < 12; i++) {
            long id = 1000 + i;
            byte[] value = i % 4 == 3 ? null : bad.get(i % 4);
            crops.rows().add(i * 16, RowFactory.create(id, value));
            crops.errors().put(id, value == null ? "null" : "image");
        }
        return crops;
    }

    /** Raw 112x112x3 crops (ids 0..good-1) and bad rows: too short, too long, null. */
    private static Crops rawCrops(int good) {
        List<byte[]> raw = TestCrops.raw(good, 52);
        List<float[]> embeddings = reference.raw(raw);
        Crops crops = new Crops(new ArrayList<>(), new HashMap<>(), new HashMap<>());
        for (int i = 0; i < good; i++) {
            crops.rows().add(RowFactory.create((long) i, raw.get(i)));
            crops.expected().put((long) i, embeddings.get(i));
        }
        for (int i = 0; i < 8; i++) {
            long id = 1000 + i;
            byte[] value = switch (i % 3) {
                case 0 -> new byte[TestCrops.RAW_BYTES - 1];
                case 1 -> new byte[TestCrops.RAW_BYTES * 2];
                default -> null;
            };
            crops.rows().add(i * 14, RowFactory.create(id, value));
            crops.errors().put(id, value == null ? "null" : "expected " + TestCrops.RAW_BYTES);
        }
        return crops;
    }

    private static Path write(Crops crops, StructType schema, Path path) {
        local.createDataFrame(crops.rows(), schema).repartition(3).write().parquet(path.toString());
        return path;
    }

    /** A regular file: no folder can be made under it, not even by root, so any use of user.home fails. */
    private static Path unusableHome(Path dir) throws IOException {
        Path file = dir.resolve("home-is-a-file");
        if (!Files.exists(file)) {
            Files.writeString(file, "not a folder");
        }
        return file;
    }

    /** Every good row equals the single-process embedding, every bad row has its error, the metadata the model. */
    private static void assertOutput(Crops crops, Path output) {
        var written = local.read().parquet(output.toString());
        Metadata recorded = written.schema().apply(FaceEmbedder.EMBEDDING).metadata()
                .getMetadata(EmbeddingMetadata.KEY);
        assertEquals(reference.modelSha256(), recorded.getString("model_sha256"));
        List<Row> rows = written.collectAsList();
        assertEquals(crops.rows().size(), rows.size());
        Set<Long> seen = new HashSet<>();
        for (Row row : rows) {
            long id = row.getLong(0);
            assertTrue(seen.add(id), () -> "row " + id + " twice");
            assertEquals("onnxruntime", row.getAs(FaceEmbedder.BACKEND));
            if (crops.expected().containsKey(id)) {
                Reference.assertEmbedding(crops.expected().get(id), row);
            } else {
                assertTrue(row.isNullAt(row.fieldIndex(FaceEmbedder.EMBEDDING)), () -> "bad row " + id);
                String error = row.getAs(FaceEmbedder.EMBEDDING_ERROR);
                assertTrue(error != null && error.contains(crops.errors().get(id)), () -> id + ": " + error);
            }
        }
    }

    /**
     * The application ran {@code count} executors; each opened the backend exactly once and extracted the native
     * libraries into a folder of its own working directory (so no two executors extract into one folder).
     */
    private static void assertExecutors(StandaloneCluster cluster, String app, int count) throws Exception {
        List<Path> executors = cluster.executorDirs(cluster.appId(app));
        assertEquals(count, executors.size(), executors::toString);
        for (Path executor : executors) {
            String log = Files.readString(executor.resolve("stderr"));
            assertEquals(1, occurrences(log, "faceembed backend onnxruntime on cpu"),
                    () -> executor + " did not open the backend exactly once:\n" + log);
            assertFalse(log.contains("WARNING: A restricted method"), () -> executor + " lacks native access");
            Matcher extraction = EXTRACTS_TO.matcher(log);
            assertTrue(extraction.find(), () -> executor + " did not say where it extracts:\n" + log);
            Path natives = executor.resolve(ExecutorNativeCache.FOLDER).toRealPath();
            assertEquals(natives, Path.of(extraction.group(1)).toRealPath());
            try (Stream<Path> files = Files.walk(natives)) {
                assertEquals(1, files.filter(path -> path.endsWith("libonnxruntime.so")).count(),
                        () -> "no libonnxruntime.so extracted under " + natives);
            }
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}

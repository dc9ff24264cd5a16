package dev.faceembed.spark;

import dev.faceembed.FaceembedVersion;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_if;

/**
 * The {@code spark-submit} job: reads Parquet (or a folder of images), embeds the crops with {@link FaceEmbedder}
 * (or, with {@code --detect}, finds and embeds the faces of photos with {@link PhotoFacesTransformer}) and writes
 * Parquet. Only {@link #main} calls {@code System.exit}.
 */
@Command(name = "dev.faceembed.spark.EmbedJob", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = EmbedJob.Version.class,
        description = {"Embed face crops with Spark: Parquet or a folder of images in, Parquet out, with the"
                + " columns of the input plus embedding (array<float>), embedding_error, backend and"
                + " fallback_reason; with --detect, photos in and one row per face out."})
public final class EmbedJob implements Callable<Integer> {

    /** What {@code --input} is. */
    enum InputFormat {
        /** Parquet files with a binary crop column. */
        PARQUET,
        /** A folder of .png/.jpg/.jpeg files, read recursively (columns path, modificationTime, length, content). */
        IMAGES
    }

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Parquet file or folder, or a folder of images (see --input-format).")
    String input;

    @Option(names = "--input-format", paramLabel = "parquet|images", defaultValue = "parquet",
            description = "Default: ${DEFAULT-VALUE}.")
    InputFormat inputFormat;

    @Option(names = "--output", required = true, paramLabel = "PATH", description = "Parquet folder to write.")
    String output;

    @Option(names = "--overwrite", description = "Replace --output if it exists (default: fail).")
    boolean overwrite;

    @Option(names = "--crop-column", paramLabel = "NAME",
            description = "Binary column holding the crops (the photos with --detect). Default: image (Parquet),"
                    + " content (images).")
    String cropColumn;

    @Option(names = "--detect", description = "The column holds photos: find their faces and write one row per face"
            + " (the photo row's other columns, face_index, box, score, landmarks, embedding, face_error), and one"
            + " row with the reason for each photo without a face or that cannot be decoded.")
    boolean detect;

    @Option(names = "--largest-face", description = "With --detect: one row per photo, for its largest face.")
    boolean largestFace;

    @Option(names = "--crop-encoding", paramLabel = "encoded_image|raw_rgb", defaultValue = "encoded_image",
            description = "PNG/JPEG bytes, or raw 112x112x3 uint8 RGB (HWC) pixels. Default: ${DEFAULT-VALUE}.")
    CropEncoding cropEncoding;

    @Option(names = "--drop-crop-column", description = "Leave the crop bytes out of the output.")
    boolean dropCropColumn;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (like config/pipeline/embedding.yaml), readable on every executor or"
                    + " shipped with spark-submit --files. Default: $FACEEMBED_CONFIG, else built-in defaults.")
    String config;

    @Option(names = "--backend", paramLabel = "NAME",
            description = "onnxruntime or tensorrt. Default: embedding.backend (onnxruntime).")
    String backend;

    @Option(names = "--fallback", negatable = true,
            description = "Run onnxruntime on the CPU where the requested backend cannot run (--no-fallback: fail"
                    + " the task instead). Default: embedding.allow_cpu_fallback (true).")
    Boolean fallback;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Any other configuration key, e.g. --set onnxruntime.intra_op_threads=1.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--batch", paramLabel = "N",
            description = "Rows per backend call within a partition (photos per pipeline call with --detect)."
                    + " Default: 32 (8 with --detect).")
    Integer batch;

    @Option(names = "--partitions", paramLabel = "N",
            description = "Repartition the input into N partitions first (default: as read).")
    Integer partitions;

    @Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<SparkSession> session;

    /** A job that runs in the session {@code session} gives (asked for only once the arguments are valid). */
    public EmbedJob(Supplier<SparkSession> session) {
        this.session = session;
    }

    /** The spark-submit entry point: runs the job in the application's session, stops it, exits with the code. */
    public static void main(String[] args) {
        // Spark starts only once the arguments are valid, so --help and usage errors answer at once.
        SparkSession[] started = new SparkSession[1];
        int code = execute(() -> started[0] = session(), args, new PrintWriter(System.out, true),
                new PrintWriter(System.err, true));
        if (started[0] != null) {
            started[0].stop();
        }
        System.exit(code);
    }

    /** The application's session, named by spark-submit's --name (or spark.app.name), else "faceembed embed". */
    private static SparkSession session() {
        SparkSession.Builder builder = SparkSession.builder();
        if (!new SparkConf().contains("spark.app.name")) {
            builder.appName("faceembed embed");
        }
        return builder.getOrCreate();
    }

    /** Runs the job with these arguments and returns the exit code, writing to {@code out} and {@code err}. */
    public static int execute(Supplier<SparkSession> session, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EmbedJob(session));
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(new ExitCodes());
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            commandLine.getErr().println("faceembed spark: " + exception.getMessage());
            int code = ExitCodes.of(exception);
            if (code == ExitCodes.RUNTIME_FAILURE) {
                exception.printStackTrace(commandLine.getErr());
            }
            return code;
        });
        cli.getCommandSpec().usageMessage().footerHeading("%nExit codes:%n").footer(ExitCodes.HELP);
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        if (largestFace && !detect) {
            throw new IllegalArgumentException("--largest-face needs --detect: without it every row is one crop");
        }
        if (batch != null && batch < 1) {
            throw new IllegalArgumentException("--batch must be >= 1, got " + batch);
        }
        if (partitions != null && partitions < 1) {
            throw new IllegalArgumentException("--partitions must be >= 1, got " + partitions);
        }
        SparkSession spark = session.get();
        Dataset<Row> crops = read(spark);
        if (partitions != null) {
            crops = crops.repartition(partitions);
        }
        String column = cropColumn != null ? cropColumn : inputFormat == InputFormat.IMAGES ? "content" : "image";
        Dataset<Row> embedded = detect ? faces(crops, column) : embed(crops, column);
        embedded.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(output);
        if (detect) {
            reportFaces(spark);
        } else {
            report(spark);
        }
        return ExitCodes.OK;
    }

    private Dataset<Row> embed(Dataset<Row> crops, String column) {
        Dataset<Row> embedded = FaceEmbedder.create(configSource()).cropColumn(column).cropEncoding(cropEncoding)
                .batchSize(batch != null ? batch : FaceEmbedder.DEFAULT_BATCH_SIZE).embed(crops);
        return dropCropColumn ? embedded.drop(column) : embedded;
    }

    /** One row per face; the photo column itself is not carried. */
    private Dataset<Row> faces(Dataset<Row> photos, String column) {
        PhotoFacesTransformer stage = new PhotoFacesTransformer().setInputCol(column).setConfig(configSource())
                .setLargestFaceOnly(largestFace);
        if (batch != null) {
            stage.setBatchSize(batch);
        }
        return stage.transform(photos);
    }

    private Dataset<Row> read(SparkSession spark) {
        return switch (inputFormat) {
            case PARQUET -> spark.read().parquet(input);
            case IMAGES -> spark.read().format("binaryFile")
                    .option("recursiveFileLookup", "true")
                    .option("pathGlobFilter", "*.{png,jpg,jpeg,PNG,JPG,JPEG}")
                    .load(input);
        };
    }

    private ConfigSource configSource() {
        ConfigSource source = config == null ? ConfigSource.defaults() : ConfigSource.fromFile(config);
        if (backend != null) {
            source = source.withBackend(backend);
        }
        if (fallback != null) {
            source = source.withAllowCpuFallback(fallback);
        }
        for (Map.Entry<String, String> setting : settings.entrySet()) {
            source = source.withOverride(setting.getKey(), setting.getValue());
        }
        return source;
    }

    /** One line per backend that ran: the rows it embedded and the rows whose crop could not be read. */
    private void report(SparkSession spark) {
        List<Row> lines = spark.read().parquet(output)
                .groupBy(col(FaceEmbedder.BACKEND), col(FaceEmbedder.FALLBACK_REASON))
                .agg(count("*"), count_if(col(FaceEmbedder.EMBEDDING_ERROR).isNotNull()))
                .collectAsList();
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output);
        for (Row line : lines) {
            out.println("  " + line.getString(0) + ": " + line.getLong(2) + " rows, " + line.getLong(3)
                    + " without embedding" + (line.isNullAt(1) ? "" : " (fallback: " + line.getString(1) + ")"));
        }
    }

    /** The faces written and the photos without one. */
    private void reportFaces(SparkSession spark) {
        Row counts = spark.read().parquet(output)
                .agg(count_if(col("face_error").isNull()), count_if(col("face_error").isNotNull()))
                .first();
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output);
        out.println("  " + counts.getLong(0) + " faces; photos without a face: " + counts.getLong(1));
    }

    /** The faceembed version, for {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"faceembed-spark " + FaceembedVersion.get()};
        }
    }
}

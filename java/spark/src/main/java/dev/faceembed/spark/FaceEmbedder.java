package dev.faceembed.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructType;

import java.util.Objects;

/**
 * Embeds the face crops of a DataFrame: returns the same rows with four columns appended. A convenience over
 * {@link FaceEmbeddingTransformer} with fixed column names; use the transformer for other names, an ML
 * {@code Vector} output or a stage of a {@code Pipeline}.
 * <ul>
 *   <li>{@value #EMBEDDING}: {@code array<float>} of the model's dimension (512 for the bundled model),
 *       L2-normalised; null when the row's crop could not be read; its metadata records the model's sha256 and the
 *       configured backend</li>
 *   <li>{@value #EMBEDDING_ERROR}: why the embedding is null (missing, undecodable or wrongly sized crop); null
 *       otherwise</li>
 *   <li>{@value #BACKEND}: the backend that embedded the row's partition ({@code onnxruntime} or
 *       {@code tensorrt})</li>
 *   <li>{@value #FALLBACK_REASON}: why that backend runs instead of the configured one; null when it is the
 *       configured one</li>
 * </ul>
 *
 * <p>Each partition is processed in batches of {@link #batchSize(int)} rows by one backend per executor JVM, created
 * on the first task from the {@link ConfigSource} and shared by all later tasks (see {@link ExecutorBackends}).
 * A bad row never fails the job; a backend that fails (cannot open without fallback, fails to run) fails the task,
 * which Spark retries.
 *
 * <pre>{@code
 * Dataset<Row> embedded = FaceEmbedder.create(ConfigSource.fromFile("embedding.yaml"))
 *         .cropColumn("image").cropEncoding(CropEncoding.ENCODED_IMAGE).batchSize(32)
 *         .embed(spark.read().parquet("crops.parquet"));
 * }</pre>
 *
 * <p>Immutable; every setter returns a new instance.
 */
public final class FaceEmbedder {
    /** The embedding column. */
    public static final String EMBEDDING = "embedding";
    /** The column that says why a row has no embedding. */
    public static final String EMBEDDING_ERROR = "embedding_error";
    /** The column naming the backend that ran. */
    public static final String BACKEND = "backend";
    /** The column saying why the backend that ran is not the configured one. */
    public static final String FALLBACK_REASON = "fallback_reason";
    /** Default {@link #cropColumn(String)}. */
    public static final String DEFAULT_CROP_COLUMN = "image";
    /** Default {@link #batchSize(int)}: the {@code embed encode} default. */
    public static final int DEFAULT_BATCH_SIZE = 32;

    private static final EmbeddingColumns COLUMNS = new EmbeddingColumns(EMBEDDING, OutputType.ARRAY, EMBEDDING_ERROR,
            BACKEND, FALLBACK_REASON);

    private final ConfigSource config;
    private final String cropColumn;
    private final CropEncoding encoding;
    private final int batchSize;

    private FaceEmbedder(ConfigSource config, String cropColumn, CropEncoding encoding, int batchSize) {
        this.config = Objects.requireNonNull(config, "config");
        this.cropColumn = Objects.requireNonNull(cropColumn, "cropColumn");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.batchSize = batchSize;
    }

    /** Embeds PNG/JPEG crops of column {@value #DEFAULT_CROP_COLUMN}, {@value #DEFAULT_BATCH_SIZE} per batch. */
    public static FaceEmbedder create(ConfigSource config) {
        return new FaceEmbedder(config, DEFAULT_CROP_COLUMN, CropEncoding.ENCODED_IMAGE, DEFAULT_BATCH_SIZE);
    }

    /** The binary column holding the crops. */
    public FaceEmbedder cropColumn(String column) {
        return new FaceEmbedder(config, column, encoding, batchSize);
    }

    /** What the crop column holds: encoded images or raw uint8 RGB pixels. */
    public FaceEmbedder cropEncoding(CropEncoding cropEncoding) {
        return new FaceEmbedder(config, cropColumn, cropEncoding, batchSize);
    }

    /** Rows per backend call (and per off-heap batch) within a partition. */
    public FaceEmbedder batchSize(int rows) {
        return new FaceEmbedder(config, cropColumn, encoding, rows);
    }

    /**
     * The rows of {@code crops} with the embedding columns appended. Lazy, like every Dataset transformation: the
     * work happens when an action (a write, {@code collect}) runs.
     *
     * @throws IllegalArgumentException           if the crop column is missing or not binary, or the input already
     *                                            has one of the added columns
     * @throws dev.faceembed.config.ConfigException if the configuration cannot be read here on the driver
     */
    public Dataset<Row> embed(Dataset<?> crops) {
        return transformer().transform(crops);
    }

    /** The same work as an ML pipeline stage, with these settings and the four columns above. */
    public FaceEmbeddingTransformer transformer() {
        return new FaceEmbeddingTransformer()
                .setConfig(config)
                .setInputCol(cropColumn)
                .setCropEncoding(encoding)
                .setBatchSize(batchSize)
                .setOutputCol(EMBEDDING)
                .setErrorCol(EMBEDDING_ERROR)
                .setBackendCol(BACKEND)
                .setFallbackReasonCol(FALLBACK_REASON);
    }

    /** The schema {@link #embed} returns for input of schema {@code input} (without the column metadata). */
    public static StructType outputSchema(StructType input) {
        return COLUMNS.appendTo(input, Metadata.empty());
    }
}

package dev.faceembed.spark;

import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.io.Serial;
import java.util.Locale;

/**
 * Embeds the face crops of a DataFrame, as a stage of an ML {@code Pipeline}: appends the embedding ({@code outputCol},
 * {@code array<float>} or an ML {@code Vector}, see {@code outputType}) and why a row has none ({@code errorCol}), and
 * when named, the backend that embedded each row ({@code backendCol}) and why that backend runs instead of the
 * configured one ({@code fallbackReasonCol}). The embedding column's metadata records the model's sha256 and the
 * configured backend (see {@link EmbeddingMetadata}); every executor checks that it runs that model.
 *
 * <p>Each partition is embedded in batches of {@code batchSize} rows by one backend per executor JVM and
 * configuration, opened by the first task and shared by the later ones ({@link ExecutorBackends}). A bad row (null,
 * undecodable or wrongly sized crop) gets a null embedding and its error, never a failed job; a backend that cannot
 * run (without fallback) or fails fails the task, which Spark retries.
 *
 * <pre>{@code
 * FaceEmbeddingTransformer embed = new FaceEmbeddingTransformer()
 *         .setInputCol("image").setOutputCol("features").setOutputType(OutputType.VECTOR)
 *         .setConfig(ConfigSource.fromFile("embedding.yaml"));
 * PipelineModel model = new Pipeline().setStages(new PipelineStage[]{embed, new KMeans().setK(100)}).fit(faces);
 * model.write().overwrite().save("models/faces");            // PipelineModel.load("models/faces") reads it back
 * }</pre>
 *
 * <p>Its parameters are saved and loaded with the pipeline ({@link org.apache.spark.ml.util.DefaultParamsWritable}; {@link #load}).
 */
public final class FaceEmbeddingTransformer extends FaceembedStage<FaceEmbeddingTransformer> {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final DefaultParamsReadable<FaceEmbeddingTransformer> READABLE = new DefaultParamsReadable<>() {
    };

    private final Param<String> backendCol;
    private final Param<String> fallbackReasonCol;
    private final Param<String> cropEncoding;

    /** A transformer with the default parameters and a fresh uid. */
    public FaceEmbeddingTransformer() {
        this(Identifiable.randomUID("faceEmbedding"));
    }

    /** A transformer with the default parameters and this uid (how a saved pipeline is read back). */
    public FaceEmbeddingTransformer(String uid) {
        super(uid, "binary column holding the crops", "column to append saying why a row has no embedding",
                FaceEmbedder.EMBEDDING_ERROR, "rows per backend call within a partition",
                FaceEmbedder.DEFAULT_BATCH_SIZE);
        backendCol = new Param<>(this, "backendCol",
                "column to append naming the backend that embedded the row (not added unless set)");
        fallbackReasonCol = new Param<>(this, "fallbackReasonCol", "column to append saying why the backend that"
                + " embedded the row is not the configured one (not added unless set)");
        cropEncoding = new Param<>(this, "cropEncoding", "what the crop bytes are: encoded_image (PNG/JPEG) or"
                + " raw_rgb (112x112x3 uint8, HWC)", ParamValidators.inArray(names(CropEncoding.values())));
        setDefault(cropEncoding, name(CropEncoding.ENCODED_IMAGE));
    }

    /** Reads a transformer saved with {@code write().save(path)}; also what {@code PipelineModel.load} calls. */
    public static MLReader<FaceEmbeddingTransformer> read() {
        return READABLE.read();
    }

    /** The transformer saved at {@code path}. */
    public static FaceEmbeddingTransformer load(String path) {
        return READABLE.load(path);
    }

    public Param<String> backendCol() {
        return backendCol;
    }

    public Param<String> fallbackReasonCol() {
        return fallbackReasonCol;
    }

    public Param<String> cropEncoding() {
        return cropEncoding;
    }

    /** The backend column, or {@code null} when none is added. */
    public String getBackendCol() {
        return isDefined(backendCol) ? getOrDefault(backendCol) : null;
    }

    /** The fallback-reason column, or {@code null} when none is added. */
    public String getFallbackReasonCol() {
        return isDefined(fallbackReasonCol) ? getOrDefault(fallbackReasonCol) : null;
    }

    public CropEncoding getCropEncoding() {
        return CropEncoding.valueOf(getOrDefault(cropEncoding).toUpperCase(Locale.ROOT));
    }

    /** Adds a column naming the backend that embedded each row ({@code onnxruntime}, {@code tensorrt}). */
    public FaceEmbeddingTransformer setBackendCol(String column) {
        set(backendCol, column);
        return this;
    }

    /** Adds a column saying why the backend that embedded a row is not the configured one (null when it is). */
    public FaceEmbeddingTransformer setFallbackReasonCol(String column) {
        set(fallbackReasonCol, column);
        return this;
    }

    /** What the crop column holds; default PNG/JPEG images. */
    public FaceEmbeddingTransformer setCropEncoding(CropEncoding encoding) {
        set(cropEncoding, name(encoding));
        return this;
    }

    /**
     * The rows of {@code dataset} with the embedding columns appended. Reads the configuration and hashes the model
     * here on the driver (so a wrong file or key fails before any task starts); the embedding itself runs, lazily,
     * with the next action.
     *
     * @throws IllegalArgumentException             if the crop column is missing or not binary, or the input already
     *                                              has one of the output columns
     * @throws dev.faceembed.config.ConfigException if the configuration cannot be read here
     * @throws dev.faceembed.ModelException         if the model cannot be read here
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        Dataset<Row> rows = dataset.toDF();
        EmbeddingMetadata metadata = EmbeddingMetadata.of(getConfig());
        StructType output = outputSchema(rows.schema(), metadata);
        PartitionEmbedder embedder = new PartitionEmbedder(getConfig(), rows.schema().fieldIndex(getInputCol()),
                getCropEncoding(), getBatchSize(), columns(), metadata.modelSha256());
        // A Dataset built by a function carries no column metadata of its own: attach it.
        return rows.mapPartitions(embedder, Encoders.row(output))
                .withMetadata(getOutputCol(), metadata.toMetadata());
    }

    /** The columns this transformer appends, as configured. */
    EmbeddingColumns columns() {
        return new EmbeddingColumns(getOutputCol(), getOutputType(), getErrorCol(), getBackendCol(),
                getFallbackReasonCol());
    }

    @Override
    StructType outputSchema(StructType input, EmbeddingMetadata metadata) {
        requireBinaryInput(input, "crop", "PNG/JPEG bytes or raw uint8 RGB pixels");
        return columns().appendTo(input, metadata.toMetadata());
    }
}

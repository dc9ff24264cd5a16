package dev.faceembed.spark;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serial;
import java.util.Arrays;
import java.util.List;
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
 * <p>Its parameters are saved and loaded with the pipeline ({@link DefaultParamsWritable}; {@link #load}).
 */
public final class FaceEmbeddingTransformer extends Transformer implements DefaultParamsWritable {
    @Serial
    private static final long serialVersionUID = 1L;
    private static final DefaultParamsReadable<FaceEmbeddingTransformer> READABLE = new DefaultParamsReadable<>() {
    };

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> errorCol;
    private final Param<String> backendCol;
    private final Param<String> fallbackReasonCol;
    private final Param<String> cropEncoding;
    private final Param<String> outputType;
    private final IntParam batchSize;
    private final ConfigSourceParam config;

    /** A transformer with the default parameters and a fresh uid. */
    public FaceEmbeddingTransformer() {
        this(Identifiable.randomUID("faceEmbedding"));
    }

    /** A transformer with the default parameters and this uid (how a saved pipeline is read back). */
    public FaceEmbeddingTransformer(String uid) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "binary column holding the crops");
        outputCol = new Param<>(this, "outputCol", "embedding column to append");
        errorCol = new Param<>(this, "errorCol", "column to append saying why a row has no embedding");
        backendCol = new Param<>(this, "backendCol",
                "column to append naming the backend that embedded the row (not added unless set)");
        fallbackReasonCol = new Param<>(this, "fallbackReasonCol", "column to append saying why the backend that"
                + " embedded the row is not the configured one (not added unless set)");
        cropEncoding = new Param<>(this, "cropEncoding", "what the crop bytes are: encoded_image (PNG/JPEG) or"
                + " raw_rgb (112x112x3 uint8, HWC)", ParamValidators.inArray(names(CropEncoding.values())));
        outputType = new Param<>(this, "outputType", "embedding column type: array (array<float>) or vector (ML"
                + " Vector)", ParamValidators.inArray(names(OutputType.values())));
        batchSize = new IntParam(this, "batchSize", "rows per backend call within a partition (> 0)",
                ParamValidators.gtEq(1));
        config = new ConfigSourceParam(this, "config", "faceembed configuration: YAML file and key overrides");
        setDefault(inputCol, FaceEmbedder.DEFAULT_CROP_COLUMN);
        setDefault(outputCol, FaceEmbedder.EMBEDDING);
        setDefault(errorCol, FaceEmbedder.EMBEDDING_ERROR);
        setDefault(cropEncoding, name(CropEncoding.ENCODED_IMAGE));
        setDefault(outputType, name(OutputType.ARRAY));
        setDefault(batchSize, FaceEmbedder.DEFAULT_BATCH_SIZE);
        setDefault(config, ConfigSource.defaults());
    }

    /** Reads a transformer saved with {@code write().save(path)}; also what {@code PipelineModel.load} calls. */
    public static MLReader<FaceEmbeddingTransformer> read() {
        return READABLE.read();
    }

    /** The transformer saved at {@code path}. */
    public static FaceEmbeddingTransformer load(String path) {
        return READABLE.load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> inputCol() {
        return inputCol;
    }

    public Param<String> outputCol() {
        return outputCol;
    }

    public Param<String> errorCol() {
        return errorCol;
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

    public Param<String> outputType() {
        return outputType;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public Param<ConfigSource> config() {
        return config;
    }

    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    public String getErrorCol() {
        return getOrDefault(errorCol);
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

    public OutputType getOutputType() {
        return OutputType.valueOf(getOrDefault(outputType).toUpperCase(Locale.ROOT));
    }

    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    public ConfigSource getConfig() {
        return getOrDefault(config);
    }

    /** The binary column holding the crops; default {@value FaceEmbedder#DEFAULT_CROP_COLUMN}. */
    public FaceEmbeddingTransformer setInputCol(String column) {
        set(inputCol, column);
        return this;
    }

    /** The embedding column; default {@value FaceEmbedder#EMBEDDING}. */
    public FaceEmbeddingTransformer setOutputCol(String column) {
        set(outputCol, column);
        return this;
    }

    /** The column saying why a row has no embedding; default {@value FaceEmbedder#EMBEDDING_ERROR}. */
    public FaceEmbeddingTransformer setErrorCol(String column) {
        set(errorCol, column);
        return this;
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

    /** What the embedding column holds; default {@code array<float>}. */
    public FaceEmbeddingTransformer setOutputType(OutputType type) {
        set(outputType, name(type));
        return this;
    }

    /** Rows per backend call (and per off-heap batch) within a partition; default 32. */
    public FaceEmbeddingTransformer setBatchSize(int rows) {
        set(batchSize, rows);
        return this;
    }

    /** Where executors read the faceembed configuration from; default {@link ConfigSource#defaults()}. */
    public FaceEmbeddingTransformer setConfig(ConfigSource source) {
        set(config, source);
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

    /** The input schema with the output columns appended; reads the configuration, like {@link #transform}. */
    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(schema, EmbeddingMetadata.of(getConfig()));
    }

    @Override
    public FaceEmbeddingTransformer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The columns this transformer appends, as configured. */
    EmbeddingColumns columns() {
        return new EmbeddingColumns(getOutputCol(), getOutputType(), getErrorCol(), getBackendCol(),
                getFallbackReasonCol());
    }

    private StructType outputSchema(StructType input, EmbeddingMetadata metadata) {
        List<String> names = Arrays.asList(input.fieldNames());
        String column = getInputCol();
        if (!names.contains(column)) {
            throw new IllegalArgumentException("no crop column '" + column + "' in " + names
                    + "; name the binary column holding the crops");
        }
        StructField field = input.apply(column);
        if (!field.dataType().equals(DataTypes.BinaryType)) {
            throw new IllegalArgumentException("crop column '" + column + "' is " + field.dataType().simpleString()
                    + ", expected binary (PNG/JPEG bytes or raw uint8 RGB pixels)");
        }
        return columns().appendTo(input, metadata.toMetadata());
    }

    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(FaceEmbeddingTransformer::name).toArray(String[]::new);
    }
}

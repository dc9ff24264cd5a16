package dev.faceembed.spark;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
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
 * Finds the faces in photos and embeds each one, as a stage of an ML {@code Pipeline}: a DataFrame of photos (PNG or
 * JPEG bytes in a binary column) becomes a table of faces, one row per face, exploded. Each row carries the photo
 * row's key columns ({@code keyCols}; by default every column but the photo), the face's index within its photo
 * (highest detector score first), its box, score and five landmarks in photo pixels, and its embedding. A photo
 * that is null, cannot be decoded, or has no face gives one row with the face columns null and the reason in
 * {@code errorCol}: no photo is dropped silently.
 *
 * <p>Runs {@link dev.faceembed.detect.FacePipeline} (detect, landmarks, align, embed) with the configuration's
 * {@code detection} keys, on one pipeline per executor JVM and configuration, built on the same shared backend as
 * {@link FaceEmbeddingTransformer}; the photos of a partition go through it {@code batchSize} at a time. The
 * embedding column's metadata records the model's sha256 and the configured backend ({@link EmbeddingMetadata}).
 *
 * <pre>{@code
 * PhotoFacesTransformer faces = new PhotoFacesTransformer()
 *         .setInputCol("content").setKeyCols(new String[]{"path"})
 *         .setConfig(ConfigSource.fromFile("embedding.yaml"));
 * faces.transform(spark.read().format("binaryFile").load("photos/")).write().parquet("faces.parquet");
 * }</pre>
 *
 * <p>Its parameters are saved and loaded with the pipeline ({@link DefaultParamsWritable}; {@link #load}).
 */
public final class PhotoFacesTransformer extends Transformer implements DefaultParamsWritable {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Photos per pipeline call: their faces share embedding runs, and their decoded pixels are held together. */
    private static final int DEFAULT_BATCH_SIZE = 8;
    private static final DefaultParamsReadable<PhotoFacesTransformer> READABLE = new DefaultParamsReadable<>() {
    };

    private final String uid;
    private final Param<String> inputCol;
    private final StringArrayParam keyCols;
    private final Param<String> faceIndexCol;
    private final Param<String> boxCol;
    private final Param<String> scoreCol;
    private final Param<String> landmarksCol;
    private final Param<String> outputCol;
    private final Param<String> errorCol;
    private final Param<String> outputType;
    private final IntParam batchSize;
    private final BooleanParam largestFaceOnly;
    private final ConfigSourceParam config;

    /** A transformer with the default parameters and a fresh uid. */
    public PhotoFacesTransformer() {
        this(Identifiable.randomUID("photoFaces"));
    }

    /**
     * A transformer with the default parameters and this uid (how a saved pipeline is read back).
     *
     * @param uid the stage's uid
     */
    public PhotoFacesTransformer(String uid) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", "binary column holding the photos (PNG or JPEG bytes)");
        keyCols = new StringArrayParam(this, "keyCols",
                "input columns each face row carries (default: every column but the photo)");
        faceIndexCol = new Param<>(this, "faceIndexCol", "column of the face's index within its photo");
        boxCol = new Param<>(this, "boxCol", "column of the face's box, struct<x1, y1, x2, y2: float>");
        scoreCol = new Param<>(this, "scoreCol", "column of the detector's score");
        landmarksCol = new Param<>(this, "landmarksCol", "column of the five landmarks, x0, y0, ..., x4, y4");
        outputCol = new Param<>(this, "outputCol", "embedding column");
        errorCol = new Param<>(this, "errorCol", "column saying why a photo gave no face");
        outputType = new Param<>(this, "outputType", "embedding column type: array (array<float>) or vector (ML"
                + " Vector)", ParamValidators.inArray(names(OutputType.values())));
        batchSize = new IntParam(this, "batchSize", "photos per pipeline call within a partition (> 0)",
                ParamValidators.gtEq(1));
        largestFaceOnly = new BooleanParam(this, "largestFaceOnly",
                "one row for the largest face of each photo instead of one per face");
        config = new ConfigSourceParam(this, "config", "faceembed configuration: YAML file and key overrides");
        setDefault(inputCol, FaceEmbedder.DEFAULT_CROP_COLUMN);
        setDefault(faceIndexCol, "face_index");
        setDefault(boxCol, "box");
        setDefault(scoreCol, "score");
        setDefault(landmarksCol, "landmarks");
        setDefault(outputCol, FaceEmbedder.EMBEDDING);
        setDefault(errorCol, "face_error");
        setDefault(outputType, OutputType.ARRAY.name().toLowerCase(Locale.ROOT));
        setDefault(batchSize, DEFAULT_BATCH_SIZE);
        setDefault(largestFaceOnly, false);
        setDefault(config, ConfigSource.defaults());
    }

    /**
     * Reads a transformer saved with {@code write().save(path)}; also what {@code PipelineModel.load} calls.
     *
     * @return the reader
     */
    public static MLReader<PhotoFacesTransformer> read() {
        return READABLE.read();
    }

    /**
     * The transformer saved at {@code path}.
     *
     * @param path where it was saved
     * @return the transformer
     */
    public static PhotoFacesTransformer load(String path) {
        return READABLE.load(path);
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the photo column parameter */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** @return the key columns parameter */
    public StringArrayParam keyCols() {
        return keyCols;
    }

    /** @return the face index column parameter */
    public Param<String> faceIndexCol() {
        return faceIndexCol;
    }

    /** @return the box column parameter */
    public Param<String> boxCol() {
        return boxCol;
    }

    /** @return the score column parameter */
    public Param<String> scoreCol() {
        return scoreCol;
    }

    /** @return the landmarks column parameter */
    public Param<String> landmarksCol() {
        return landmarksCol;
    }

    /** @return the embedding column parameter */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** @return the error column parameter */
    public Param<String> errorCol() {
        return errorCol;
    }

    /** @return the embedding column type parameter */
    public Param<String> outputType() {
        return outputType;
    }

    /** @return the photos-per-call parameter */
    public IntParam batchSize() {
        return batchSize;
    }

    /** @return the largest-face-only parameter */
    public BooleanParam largestFaceOnly() {
        return largestFaceOnly;
    }

    /** @return the configuration parameter */
    public Param<ConfigSource> config() {
        return config;
    }

    /** @return the binary column holding the photos */
    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    /** @return the key columns, or {@code null} when not set (every input column but the photo) */
    public String[] getKeyCols() {
        return isDefined(keyCols) ? getOrDefault(keyCols) : null;
    }

    /** @return the column of the face's index within its photo */
    public String getFaceIndexCol() {
        return getOrDefault(faceIndexCol);
    }

    /** @return the box column */
    public String getBoxCol() {
        return getOrDefault(boxCol);
    }

    /** @return the score column */
    public String getScoreCol() {
        return getOrDefault(scoreCol);
    }

    /** @return the landmarks column */
    public String getLandmarksCol() {
        return getOrDefault(landmarksCol);
    }

    /** @return the embedding column */
    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    /** @return the column saying why a photo gave no face */
    public String getErrorCol() {
        return getOrDefault(errorCol);
    }

    /** @return what the embedding column holds */
    public OutputType getOutputType() {
        return OutputType.valueOf(getOrDefault(outputType).toUpperCase(Locale.ROOT));
    }

    /** @return photos per pipeline call */
    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    /** @return whether only the largest face of each photo is kept */
    public boolean getLargestFaceOnly() {
        return (Boolean) getOrDefault(largestFaceOnly);
    }

    /** @return where executors read the faceembed configuration from */
    public ConfigSource getConfig() {
        return getOrDefault(config);
    }

    /**
     * The binary column holding the photos; default {@value FaceEmbedder#DEFAULT_CROP_COLUMN}.
     *
     * @param column the column
     * @return this
     */
    public PhotoFacesTransformer setInputCol(String column) {
        set(inputCol, column);
        return this;
    }

    /**
     * The input columns each face row carries, e.g. the photo's id or path; default every column but the photo.
     *
     * @param columns the columns, in output order
     * @return this
     */
    public PhotoFacesTransformer setKeyCols(String[] columns) {
        set(keyCols, columns);
        return this;
    }

    /**
     * The column of the face's index within its photo; default {@code face_index}.
     *
     * @param column the column
     * @return this
     */
    public PhotoFacesTransformer setFaceIndexCol(String column) {
        set(faceIndexCol, column);
        return this;
    }

    /**
     * The box column; default {@code box}.
     *
     * @param column the column
     * @return this
     */
    public PhotoFacesTransformer setBoxCol(String column) {
        set(boxCol, column);
        return this;
    }

    /**
     * The score column; default {@code score}.
     *
     * @param column the column
     * @return this
     */
    public PhotoFacesTransformer setScoreCol(String column) {
        set(scoreCol, column);
        return this;
    }

    /**
     * The landmarks column; default {@code landmarks}.
     *
     * @param column the column
     * @return this
     */
    public PhotoFacesTransformer setLandmarksCol(String column) {
        set(landmarksCol, column);
        return this;
    }

    /**
     * The embedding column; default {@value FaceEmbedder#EMBEDDING}.
     *
     * @param column the column
     * @return this
     */
    public PhotoFacesTransformer setOutputCol(String column) {
        set(outputCol, column);
        return this;
    }

    /**
     * The column saying why a photo gave no face; default {@code face_error}.
     *
     * @param column the column
     * @return this
     */
    public PhotoFacesTransformer setErrorCol(String column) {
        set(errorCol, column);
        return this;
    }

    /**
     * What the embedding column holds; default {@code array<float>}.
     *
     * @param type the type
     * @return this
     */
    public PhotoFacesTransformer setOutputType(OutputType type) {
        set(outputType, type.name().toLowerCase(Locale.ROOT));
        return this;
    }

    /**
     * Photos per pipeline call within a partition; default 8. Their decoded pixels are held together (3 bytes a
     * pixel), and their faces share embedding runs.
     *
     * @param photos photos per call
     * @return this
     */
    public PhotoFacesTransformer setBatchSize(int photos) {
        set(batchSize, photos);
        return this;
    }

    /**
     * Keeps one row per photo, for its largest face; default false (a row per face).
     *
     * @param largestOnly whether to keep only the largest face
     * @return this
     */
    public PhotoFacesTransformer setLargestFaceOnly(boolean largestOnly) {
        set(largestFaceOnly, largestOnly);
        return this;
    }

    /**
     * Where executors read the faceembed configuration from (the {@code detection} keys and the embedding keys);
     * default {@link ConfigSource#defaults()}.
     *
     * @param source the configuration
     * @return this
     */
    public PhotoFacesTransformer setConfig(ConfigSource source) {
        set(config, source);
        return this;
    }

    /**
     * One row per face found in the photos of {@code dataset}, and one per photo without a face. Reads the
     * configuration and hashes the model here on the driver (so a wrong file or key fails before any task starts);
     * detection and embedding run, lazily, with the next action.
     *
     * @throws IllegalArgumentException             if the photo column is missing or not binary, a key column is
     *                                              missing, or a key column has the name of a face column
     * @throws dev.faceembed.config.ConfigException if the configuration cannot be read here
     * @throws dev.faceembed.ModelException         if the model cannot be read here
     */
    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        Dataset<Row> rows = dataset.toDF();
        StructType input = rows.schema();
        EmbeddingMetadata metadata = EmbeddingMetadata.of(getConfig());
        StructType output = outputSchema(input, metadata);
        int[] keys = Arrays.stream(keyColumns(input)).mapToInt(input::fieldIndex).toArray();
        PartitionFaceFinder finder = new PartitionFaceFinder(getConfig(), input.fieldIndex(getInputCol()), keys,
                getBatchSize(), getLargestFaceOnly(), columns(), metadata.modelSha256());
        // A Dataset built by a function carries no column metadata of its own: attach it.
        return rows.mapPartitions(finder, Encoders.row(output))
                .withMetadata(getOutputCol(), metadata.toMetadata());
    }

    /** The key columns followed by the face columns; reads the configuration, like {@link #transform}. */
    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(schema, EmbeddingMetadata.of(getConfig()));
    }

    @Override
    public PhotoFacesTransformer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    private FaceColumns columns() {
        return new FaceColumns(getFaceIndexCol(), getBoxCol(), getScoreCol(), getLandmarksCol(), getOutputCol(),
                getOutputType(), getErrorCol());
    }

    private String[] keyColumns(StructType input) {
        String[] keys = getKeyCols();
        return keys != null ? keys
                : Arrays.stream(input.fieldNames()).filter(name -> !name.equals(getInputCol())).toArray(String[]::new);
    }

    private StructType outputSchema(StructType input, EmbeddingMetadata metadata) {
        List<String> names = Arrays.asList(input.fieldNames());
        String column = getInputCol();
        if (!names.contains(column)) {
            throw new IllegalArgumentException("no photo column '" + column + "' in " + names
                    + "; name the binary column holding the photos with setInputCol");
        }
        StructField field = input.apply(column);
        if (!field.dataType().equals(DataTypes.BinaryType)) {
            throw new IllegalArgumentException("photo column '" + column + "' is " + field.dataType().simpleString()
                    + ", expected binary (PNG or JPEG bytes)");
        }
        StructType keys = new StructType();
        for (String key : keyColumns(input)) {
            if (!names.contains(key)) {
                throw new IllegalArgumentException("no key column '" + key + "' in " + names
                        + "; name existing columns with setKeyCols");
            }
            keys = keys.add(input.apply(key));
        }
        return columns().appendTo(keys, metadata.toMetadata());
    }

    private static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }
}

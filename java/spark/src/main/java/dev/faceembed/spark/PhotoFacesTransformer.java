package dev.faceembed.spark;

import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.io.Serial;
import java.util.Arrays;
import java.util.List;

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
 * <p>Its parameters are saved and loaded with the pipeline ({@link org.apache.spark.ml.util.DefaultParamsWritable}; {@link #load}).
 */
public final class PhotoFacesTransformer extends FaceembedStage<PhotoFacesTransformer> {
    @Serial
    private static final long serialVersionUID = 1L;
    /** Photos per pipeline call: their faces share embedding runs, and their decoded pixels are held together. */
    private static final int DEFAULT_BATCH_SIZE = 8;
    private static final DefaultParamsReadable<PhotoFacesTransformer> READABLE = new DefaultParamsReadable<>() {
    };

    private final StringArrayParam keyCols;
    private final Param<String> faceIndexCol;
    private final Param<String> boxCol;
    private final Param<String> scoreCol;
    private final Param<String> landmarksCol;
    private final BooleanParam largestFaceOnly;

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
        super(uid, "binary column holding the photos (PNG or JPEG bytes)", "column saying why a photo gave no face",
                "face_error", "photos per pipeline call within a partition", DEFAULT_BATCH_SIZE);
        keyCols = new StringArrayParam(this, "keyCols",
                "input columns each face row carries (default: every column but the photo)");
        faceIndexCol = new Param<>(this, "faceIndexCol", "column of the face's index within its photo");
        boxCol = new Param<>(this, "boxCol", "column of the face's box, struct<x1, y1, x2, y2: float>");
        scoreCol = new Param<>(this, "scoreCol", "column of the detector's score");
        landmarksCol = new Param<>(this, "landmarksCol", "column of the five landmarks, x0, y0, ..., x4, y4");
        largestFaceOnly = new BooleanParam(this, "largestFaceOnly",
                "one row for the largest face of each photo instead of one per face");
        setDefault(faceIndexCol, "face_index");
        setDefault(boxCol, "box");
        setDefault(scoreCol, "score");
        setDefault(landmarksCol, "landmarks");
        setDefault(largestFaceOnly, false);
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

    /** @return the largest-face-only parameter */
    public BooleanParam largestFaceOnly() {
        return largestFaceOnly;
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

    /** @return whether only the largest face of each photo is kept */
    public boolean getLargestFaceOnly() {
        return (Boolean) getOrDefault(largestFaceOnly);
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

    private FaceColumns columns() {
        return new FaceColumns(getFaceIndexCol(), getBoxCol(), getScoreCol(), getLandmarksCol(), getOutputCol(),
                getOutputType(), getErrorCol());
    }

    private String[] keyColumns(StructType input) {
        String[] keys = getKeyCols();
        return keys != null ? keys
                : Arrays.stream(input.fieldNames()).filter(name -> !name.equals(getInputCol())).toArray(String[]::new);
    }

    @Override
    StructType outputSchema(StructType input, EmbeddingMetadata metadata) {
        requireBinaryInput(input, "photo", "PNG or JPEG bytes");
        List<String> names = Arrays.asList(input.fieldNames());
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
}

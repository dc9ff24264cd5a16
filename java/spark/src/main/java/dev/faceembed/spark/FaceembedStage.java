package dev.faceembed.spark;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serial;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What faceembed's ML stages share: a binary input column, the embedding column and its type, the column saying why
 * a row has no embedding, how many inputs go to one call within a partition, and where executors read the faceembed
 * configuration from. Its parameters are saved and loaded with the pipeline ({@link DefaultParamsWritable}).
 *
 * @param <T> the stage itself, which its setters return
 */
public abstract class FaceembedStage<T extends FaceembedStage<T>> extends Transformer
        implements DefaultParamsWritable {
    @Serial
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> inputCol;
    private final Param<String> outputCol;
    private final Param<String> errorCol;
    private final Param<String> outputType;
    private final IntParam batchSize;
    private final ConfigSourceParam config;

    /**
     * The shared parameters with their defaults: input column {@value FaceEmbedder#DEFAULT_CROP_COLUMN}, output column
     * {@value FaceEmbedder#EMBEDDING}, {@code array<float>} output, the built-in configuration.
     *
     * @param uid          the stage's uid
     * @param inputDoc     what the input column holds, for its parameter's documentation
     * @param errorDoc     what the error column says, for its parameter's documentation
     * @param errorDefault the error column's default name
     * @param batchDoc     what one call within a partition takes, for the batch size parameter's documentation
     * @param batchDefault the batch size's default
     */
    FaceembedStage(String uid, String inputDoc, String errorDoc, String errorDefault, String batchDoc,
                   int batchDefault) {
        this.uid = uid;
        inputCol = new Param<>(this, "inputCol", inputDoc);
        outputCol = new Param<>(this, "outputCol", "embedding column");
        errorCol = new Param<>(this, "errorCol", errorDoc);
        outputType = new Param<>(this, "outputType", "embedding column type: array (array<float>) or vector (ML"
                + " Vector)", ParamValidators.inArray(names(OutputType.values())));
        batchSize = new IntParam(this, "batchSize", batchDoc + " (> 0)", ParamValidators.gtEq(1));
        config = new ConfigSourceParam(this, "config", "faceembed configuration: YAML file and key overrides");
        setDefault(inputCol, FaceEmbedder.DEFAULT_CROP_COLUMN);
        setDefault(outputCol, FaceEmbedder.EMBEDDING);
        setDefault(errorCol, errorDefault);
        setDefault(outputType, name(OutputType.ARRAY));
        setDefault(batchSize, batchDefault);
        setDefault(config, ConfigSource.defaults());
    }

    @Override
    public String uid() {
        return uid;
    }

    /** @return the input column parameter */
    public Param<String> inputCol() {
        return inputCol;
    }

    /** @return the embedding column parameter */
    public Param<String> outputCol() {
        return outputCol;
    }

    /** @return the error column parameter */
    public Param<String> errorCol() {
        return errorCol;
    }

    /** @return the embedding column type parameter ({@code array} or {@code vector}) */
    public Param<String> outputType() {
        return outputType;
    }

    /** @return the batch size parameter */
    public IntParam batchSize() {
        return batchSize;
    }

    /** @return the configuration parameter */
    public Param<ConfigSource> config() {
        return config;
    }

    /** @return the binary input column */
    public String getInputCol() {
        return getOrDefault(inputCol);
    }

    /** @return the embedding column */
    public String getOutputCol() {
        return getOrDefault(outputCol);
    }

    /** @return the column saying why a row has no embedding */
    public String getErrorCol() {
        return getOrDefault(errorCol);
    }

    /** @return what the embedding column holds */
    public OutputType getOutputType() {
        return OutputType.valueOf(getOrDefault(outputType).toUpperCase(Locale.ROOT));
    }

    /** @return inputs per call within a partition */
    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    /** @return where executors read the faceembed configuration from */
    public ConfigSource getConfig() {
        return getOrDefault(config);
    }

    /**
     * The binary input column; default {@value FaceEmbedder#DEFAULT_CROP_COLUMN}.
     *
     * @param column its name
     * @return this
     */
    public T setInputCol(String column) {
        set(inputCol, column);
        return self();
    }

    /**
     * The embedding column; default {@value FaceEmbedder#EMBEDDING}.
     *
     * @param column its name
     * @return this
     */
    public T setOutputCol(String column) {
        set(outputCol, column);
        return self();
    }

    /**
     * The column saying why a row has no embedding.
     *
     * @param column its name
     * @return this
     */
    public T setErrorCol(String column) {
        set(errorCol, column);
        return self();
    }

    /**
     * What the embedding column holds; default {@code array<float>}.
     *
     * @param type array or ML vector
     * @return this
     */
    public T setOutputType(OutputType type) {
        set(outputType, name(type));
        return self();
    }

    /**
     * How many inputs go to one call (and one off-heap batch) within a partition.
     *
     * @param inputs 1 or more
     * @return this
     */
    public T setBatchSize(int inputs) {
        set(batchSize, inputs);
        return self();
    }

    /**
     * Where executors read the faceembed configuration from; default {@link ConfigSource#defaults()}.
     *
     * @param source the configuration
     * @return this
     */
    public T setConfig(ConfigSource source) {
        set(config, source);
        return self();
    }

    /** The output schema for {@code schema}; reads the configuration, like {@link #transform}. */
    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(schema, EmbeddingMetadata.of(getConfig()));
    }

    @Override
    public T copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    /** The rows this stage writes for input rows of {@code input}, the embedding column carrying {@code metadata}. */
    abstract StructType outputSchema(StructType input, EmbeddingMetadata metadata);

    /**
     * Checks that {@code input} has the input column and that it is binary.
     *
     * @param what  what the column holds, for messages ({@code crop}, {@code photo})
     * @param bytes what its bytes may be, for messages
     * @throws IllegalArgumentException naming the column and the fix
     */
    void requireBinaryInput(StructType input, String what, String bytes) {
        List<String> names = Arrays.asList(input.fieldNames());
        String column = getInputCol();
        if (!names.contains(column)) {
            throw new IllegalArgumentException("no " + what + " column '" + column + "' in " + names
                    + "; name the binary column holding the " + what + "s with setInputCol");
        }
        StructField field = input.apply(column);
        if (!field.dataType().equals(DataTypes.BinaryType)) {
            throw new IllegalArgumentException(what + " column '" + column + "' is "
                    + field.dataType().simpleString() + ", expected binary (" + bytes + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private T self() {
        return (T) this;
    }

    static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    static String[] names(Enum<?>[] values) {
        return Arrays.stream(values).map(FaceembedStage::name).toArray(String[]::new);
    }
}

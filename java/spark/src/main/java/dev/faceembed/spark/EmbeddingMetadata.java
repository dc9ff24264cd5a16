package dev.faceembed.spark;

import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceembedVersion;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.model.ModelLoader;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;

import java.util.List;

/**
 * What the embedding column's metadata records, under the key {@value #KEY}: the model (name and sha256) and the
 * configured backend with its fallback rule. Read on the driver; every executor checks that the model it loaded has
 * this sha256 before it embeds a row, so the record holds for every row of the column. Which backend embedded each
 * row can differ between executors (a GPU executor runs tensorrt, a CPU executor its fallback): the optional backend
 * and fallback-reason columns say that per row.
 *
 * @param model            the model's name
 * @param modelSha256      the sha256 of the model file's bytes
 * @param backend          the configured backend ({@code embedding.backend})
 * @param allowCpuFallback {@code embedding.allow_cpu_fallback}
 * @param fallbackBackends {@code embedding.fallback_backends}
 */
record EmbeddingMetadata(String model, String modelSha256, String backend, boolean allowCpuFallback,
                         List<String> fallbackBackends) {
    /** The metadata key of the embedding column under which the fields are written. */
    static final String KEY = "faceembed";

    /**
     * Reads the configuration here, on the driver, and hashes the model it names.
     *
     * @throws dev.faceembed.config.ConfigException if the configuration is invalid
     * @throws dev.faceembed.ModelException         if the model cannot be read here
     */
    static EmbeddingMetadata of(ConfigSource config) {
        EmbeddingOptions options = config.embeddingOptions();
        LoadedModel model = ModelLoader.load(options.model());
        return new EmbeddingMetadata(model.spec().name(), model.sha256(), options.backend(),
                options.allowCpuFallback(), options.fallbackBackends());
    }

    /** The column metadata: {@code {"faceembed": {"model": ..., "model_sha256": ..., ...}}}. */
    Metadata toMetadata() {
        Metadata fields = new MetadataBuilder()
                .putString("model", model)
                .putString("model_sha256", modelSha256)
                .putString("backend", backend)
                .putBoolean("allow_cpu_fallback", allowCpuFallback)
                .putStringArray("fallback_backends", fallbackBackends.toArray(String[]::new))
                .putString("version", FaceembedVersion.get())
                .build();
        return new MetadataBuilder().putMetadata(KEY, fields).build();
    }
}

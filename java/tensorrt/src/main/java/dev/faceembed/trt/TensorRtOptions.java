package dev.faceembed.trt;

import dev.faceembed.config.ConfigException;
import dev.faceembed.config.ConfigKey;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.config.ConfigValues;
import dev.faceembed.config.ValueType;

import java.nio.file.Path;
import java.util.List;

/**
 * How TensorRT engines are built and where they are cached: the {@code tensorrt} configuration section (with
 * {@code embedding.tensorrt_config}, the file that holds it, and {@code arcface_tensorrt.enabled}).
 *
 * @param precision        {@code fp16} or {@code fp32}
 * @param maxBatchSize     top of the engine's batch profile
 * @param optBatchSize     the batch size TensorRT tunes for
 * @param workspaceSizeMb  builder workspace limit in MiB
 * @param engineCacheDir   local engine cache folder, or {@code null} for the default
 * @param engineS3Bucket   S3 bucket for engines, or {@code null}
 * @param engineS3Prefix   key prefix in the bucket
 * @param engineS3Region   S3 region, or {@code null} for the SDK's default
 * @param engineS3Endpoint endpoint override for S3-compatible stores, or {@code null}
 * @param engineS3Upload   upload engines built here
 * @param streams          CUDA streams (with their buffer sets) per concurrent caller; two or more overlap the
 *                         copies of one chunk of a large batch with the compute of another
 */
public record TensorRtOptions(String precision, int maxBatchSize, int optBatchSize, int workspaceSizeMb,
                              Path engineCacheDir, String engineS3Bucket, String engineS3Prefix,
                              String engineS3Region, String engineS3Endpoint, boolean engineS3Upload, int streams) {

    public static final ConfigKey<Path> CONFIG_FILE = ConfigKey.include("embedding.tensorrt_config",
            Path.of("arcface_tensorrt.yaml"), "The TensorRT settings (precision, batch sizes, workspace, engine"
                    + " cache).");
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.of("arcface_tensorrt.enabled", ValueType.bool(), false,
            "Prefer the TensorRT backend for the ArcFace stage (same as embedding.backend: tensorrt).");
    public static final ConfigKey<String> PRECISION = ConfigKey.of("tensorrt.precision",
            ValueType.choice("fp16", "fp32"), "fp16", "fp16 or fp32.");
    public static final ConfigKey<Integer> MAX_BATCH_SIZE = ConfigKey.of("tensorrt.max_batch_size",
            ValueType.integer(1, 4096), 32, "The top of the engine's optimisation profile over the batch dimension.");
    public static final ConfigKey<Integer> OPT_BATCH_SIZE = ConfigKey.of("tensorrt.opt_batch_size",
            ValueType.integer(1, 4096), 16, "The batch size TensorRT tunes the engine's kernels for.");
    public static final ConfigKey<Integer> WORKSPACE_SIZE_MB = ConfigKey.of("tensorrt.workspace_size_mb",
            ValueType.integer(16, 1 << 20), 1024, "Builder workspace limit in MiB.");
    public static final ConfigKey<Path> ENGINE_CACHE_DIR = ConfigKey.of("tensorrt.engine_cache_dir",
            ValueType.nullable(ValueType.path()), null,
            "Local engine cache folder; null: ${XDG_CACHE_HOME:-~/.cache}/faceembed/engines.");
    public static final ConfigKey<String> ENGINE_S3_BUCKET = ConfigKey.of("tensorrt.engine_s3_bucket",
            ValueType.nullable(ValueType.text()), null, "S3 bucket shared by a fleet for built engines; null: no S3.");
    public static final ConfigKey<String> ENGINE_S3_PREFIX = ConfigKey.of("tensorrt.engine_s3_prefix",
            ValueType.text(), "faceembed/engines", "Key prefix inside the bucket.");
    public static final ConfigKey<String> ENGINE_S3_REGION = ConfigKey.of("tensorrt.engine_s3_region",
            ValueType.nullable(ValueType.text()), null, "S3 region; null: the SDK's default.");
    public static final ConfigKey<String> ENGINE_S3_ENDPOINT = ConfigKey.of("tensorrt.engine_s3_endpoint",
            ValueType.nullable(ValueType.text()), null,
            "Endpoint override for S3-compatible stores; null: the SDK's default.");
    public static final ConfigKey<Boolean> ENGINE_S3_UPLOAD = ConfigKey.of("tensorrt.engine_s3_upload",
            ValueType.bool(), false, "Upload engines built here to the bucket.");
    public static final ConfigKey<Integer> STREAMS = ConfigKey.of("tensorrt.streams", ValueType.integer(1, 16), 2,
            "CUDA streams per concurrent caller; 2 or more overlap copies and compute of a large batch.");

    /** The {@code tensorrt} section. */
    public static final ConfigSection<TensorRtOptions> SECTION = ConfigSection
            .builder("tensorrt", TensorRtOptions.class)
            .keys(List.of(CONFIG_FILE, ENABLED, PRECISION, MAX_BATCH_SIZE, OPT_BATCH_SIZE, WORKSPACE_SIZE_MB,
                    ENGINE_CACHE_DIR, ENGINE_S3_BUCKET, ENGINE_S3_PREFIX, ENGINE_S3_REGION, ENGINE_S3_ENDPOINT,
                    ENGINE_S3_UPLOAD, STREAMS))
            .reader(TensorRtOptions::read)
            .build();

    public TensorRtOptions {
        if (!precision.equals("fp16") && !precision.equals("fp32")) {
            throw new IllegalArgumentException("precision must be fp16 or fp32, got " + precision);
        }
        if (streams < 1) {
            throw new IllegalArgumentException("streams must be >= 1, got " + streams);
        }
        if (maxBatchSize < 1 || optBatchSize < 1 || optBatchSize > maxBatchSize) {
            throw new IllegalArgumentException("need 1 <= opt batch (" + optBatchSize + ") <= max batch ("
                    + maxBatchSize + ")");
        }
    }

    private static TensorRtOptions read(ConfigValues v) {
        int maxBatch = v.get(MAX_BATCH_SIZE);
        int optBatch = v.get(OPT_BATCH_SIZE);
        if (optBatch > maxBatch) {
            throw new ConfigException(v.origin(OPT_BATCH_SIZE) + ": tensorrt.opt_batch_size (" + optBatch
                    + ") must not exceed tensorrt.max_batch_size (" + maxBatch + ", from " + v.origin(MAX_BATCH_SIZE)
                    + ")");
        }
        return new TensorRtOptions(v.get(PRECISION), maxBatch, optBatch, v.get(WORKSPACE_SIZE_MB),
                v.get(ENGINE_CACHE_DIR), v.get(ENGINE_S3_BUCKET), v.get(ENGINE_S3_PREFIX), v.get(ENGINE_S3_REGION),
                v.get(ENGINE_S3_ENDPOINT), v.get(ENGINE_S3_UPLOAD), v.get(STREAMS));
    }

    /** The defaults of config/pipeline/arcface_tensorrt.yaml. */
    public static TensorRtOptions defaults() {
        return SECTION.defaults();
    }

    public TensorRtOptions withEngineCacheDir(Path directory) {
        return new TensorRtOptions(precision, maxBatchSize, optBatchSize, workspaceSizeMb, directory, engineS3Bucket,
                engineS3Prefix, engineS3Region, engineS3Endpoint, engineS3Upload, streams);
    }

    public TensorRtOptions withPrecision(String value) {
        return new TensorRtOptions(value, maxBatchSize, optBatchSize, workspaceSizeMb, engineCacheDir, engineS3Bucket,
                engineS3Prefix, engineS3Region, engineS3Endpoint, engineS3Upload, streams);
    }
}

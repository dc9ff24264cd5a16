package dev.faceembed.tensorrt;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How TensorRT engines are built and where they are cached (the {@code tensorrt} configuration section).
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

    public TensorRtOptions {
        precision = precision.toLowerCase(Locale.ROOT);
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

    /** The defaults of config/pipeline/arcface_tensorrt.yaml. */
    public static TensorRtOptions defaults() {
        return new TensorRtOptions("fp16", 32, 16, 1024, null, null, "faceembed/engines", null, null, false, 2);
    }
}

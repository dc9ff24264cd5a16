package dev.faceembed.trt;

import dev.faceembed.cache.EngineCache;
import dev.faceembed.cache.EngineCacheLocation;
import dev.faceembed.cache.S3EngineStore;
import dev.faceembed.cache.S3Settings;
import dev.faceembed.tensorrt.TensorRtOptions;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** Opens the engine cache the {@code tensorrt} configuration section describes. */
public final class EngineCaches {
    private EngineCaches() {
    }

    /** The local folder ({@code engine_cache_dir}, else the default) and the S3 bucket, if one is configured. */
    public static EngineCache open(TensorRtOptions options) {
        Path directory = options.engineCacheDir() != null ? options.engineCacheDir()
                : EngineCacheLocation.defaultDirectory();
        EngineCache.Builder builder = EngineCache.builder(directory);
        s3Settings(options).map(S3EngineStore::open).ifPresent(builder::s3);
        return builder.build();
    }

    static Optional<S3Settings> s3Settings(TensorRtOptions options) {
        if (options.engineS3Bucket() == null) {
            return Optional.empty();
        }
        S3Settings settings = S3Settings.forBucket(options.engineS3Bucket()).withPrefix(options.engineS3Prefix());
        if (options.engineS3Region() != null) {
            settings = settings.withRegion(options.engineS3Region());
        }
        if (options.engineS3Endpoint() != null) {
            settings = settings.withEndpoint(URI.create(options.engineS3Endpoint()));
        }
        return Optional.of(settings);
    }
}

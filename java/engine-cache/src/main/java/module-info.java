/**
 * The TensorRT engine cache: a local folder and an optional S3 bucket, validated, crash-safe and safe for concurrent
 * builders. Stands alone: it knows neither faceembed's core nor how engines are built (an
 * {@link dev.faceembed.cache.EngineBuilder} is passed in).
 */
module dev.faceembed.cache {
    requires dev.faceembed.files;
    requires org.slf4j;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.http.apache5;
    requires software.amazon.awssdk.retries;
    requires software.amazon.awssdk.retries.api;

    exports dev.faceembed.cache;
}

package dev.faceembed.cache;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

import java.time.Duration;

/** Builds the synchronous S3 client: Apache HttpClient 5, explicit retry strategy and timeouts, default credentials. */
final class S3Clients {
    /** Connection refused fails at once; this bounds a host that silently drops packets. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A plan transfer that stalls this long between reads is failed and retried. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);
    static final Duration BACKOFF_BASE = Duration.ofMillis(200);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(5);

    private S3Clients() {
    }

    static S3Client create(S3Settings settings) {
        // The SDK's standard strategy (retryable errors, throttling, token bucket) with our attempt count and an
        // exponential, jittered backoff, so an outage costs a bounded few seconds before it is reported.
        RetryStrategy retries = AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(BackoffStrategy.exponentialDelay(BACKOFF_BASE, BACKOFF_MAX))
                .build();
        // No credentials provider is set: the client then uses the SDK's default chain, and nothing here sees keys.
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(config -> config.retryStrategy(retries))
                .forcePathStyle(settings.pathStyle());
        settings.endpoint().ifPresent(builder::endpointOverride);
        settings.region().map(Region::of)
                // S3-compatible stores mostly ignore the region, but request signing needs one.
                .or(() -> settings.endpoint().map(endpoint -> Region.US_EAST_1))
                .ifPresent(builder::region);
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new EngineCacheException(EngineCacheException.Reason.CONFIGURATION,
                    "Cannot set up the S3 client for " + settings.location() + ": " + e.getMessage() + ". Fix: set "
                            + "tensorrt.engine_s3_region (or AWS_REGION)", e);
        }
    }
}

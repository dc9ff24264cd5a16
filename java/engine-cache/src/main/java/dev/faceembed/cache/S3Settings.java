package dev.faceembed.cache;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how {@link S3EngineStore} reaches its bucket. Credentials are not part of it: they come from the AWS SDK's
 * default provider chain (system properties, environment, profile files, container and instance roles).
 *
 * @param bucket             bucket name
 * @param prefix             key prefix without leading or trailing '/', empty for the bucket's root
 * @param region             AWS region; when absent, the SDK's region chain ({@code AWS_REGION}, profile), or
 *                           {@code us-east-1} for a custom endpoint
 * @param endpoint           endpoint override for S3-compatible stores (MinIO, Ceph, s3proxy)
 * @param pathStyle          address the bucket as {@code endpoint/bucket/key} instead of {@code bucket.endpoint/key}
 * @param maxAttempts        attempts per request, the first included, before a failure is reported
 * @param multipartThreshold plans larger than this are uploaded in parts
 * @param partSize           size of each part (S3 requires at least 5 MiB for all but the last)
 */
public record S3Settings(String bucket, String prefix, Optional<String> region, Optional<URI> endpoint,
                         boolean pathStyle, int maxAttempts, long multipartThreshold, long partSize) {
    /** Attempts per request unless set: the first and three retries. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** Plans larger than this (16 MiB) are uploaded in parts unless set. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 16L << 20;
    /** Part size (8 MiB) unless set. */
    public static final long DEFAULT_PART_SIZE = 8L << 20;
    static final long MIN_PART_SIZE = 5L << 20;

    /** Checks the bucket name, attempts and part sizes; trims slashes off the prefix. */
    public S3Settings {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        if (bucket.isBlank() || bucket.contains("/")) {
            throw new IllegalArgumentException("S3 bucket name must be non-empty and contain no '/', got '"
                    + bucket + "'");
        }
        prefix = trimSlashes(prefix);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("S3 max attempts must be at least 1, got " + maxAttempts);
        }
        if (partSize < MIN_PART_SIZE || partSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("S3 part size must be between 5 MiB and 2 GiB, got " + partSize);
        }
        if (multipartThreshold < partSize) {
            throw new IllegalArgumentException("S3 multipart threshold (" + multipartThreshold
                    + ") must not be below the part size (" + partSize + ")");
        }
    }

    /**
     * The bucket's root, default region chain, AWS endpoint, default retries and part sizes.
     *
     * @param bucket the bucket name
     * @return the settings
     */
    public static S3Settings forBucket(String bucket) {
        return new S3Settings(bucket, "", Optional.empty(), Optional.empty(), false, DEFAULT_MAX_ATTEMPTS,
                DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE);
    }

    /**
     * These settings with engines under another key prefix.
     *
     * @param newPrefix the prefix, with or without slashes around it
     * @return the new settings
     */
    public S3Settings withPrefix(String newPrefix) {
        return new S3Settings(bucket, newPrefix, region, endpoint, pathStyle, maxAttempts, multipartThreshold,
                partSize);
    }

    /**
     * These settings in a given region instead of the SDK's region chain.
     *
     * @param newRegion e.g. {@code eu-west-1}
     * @return the new settings
     */
    public S3Settings withRegion(String newRegion) {
        return new S3Settings(bucket, prefix, Optional.of(newRegion), endpoint, pathStyle, maxAttempts,
                multipartThreshold, partSize);
    }

    /**
     * An S3-compatible endpoint; turns on path-style addressing, which such stores usually need.
     *
     * @param newEndpoint the endpoint
     * @return the new settings
     */
    public S3Settings withEndpoint(URI newEndpoint) {
        return new S3Settings(bucket, prefix, region, Optional.of(newEndpoint), true, maxAttempts,
                multipartThreshold, partSize);
    }

    /**
     * These settings with path-style ({@code endpoint/bucket/key}) or virtual-hosted addressing.
     *
     * @param newPathStyle whether to use path-style addressing
     * @return the new settings
     */
    public S3Settings withPathStyle(boolean newPathStyle) {
        return new S3Settings(bucket, prefix, region, endpoint, newPathStyle, maxAttempts, multipartThreshold,
                partSize);
    }

    /**
     * These settings with another number of attempts per request.
     *
     * @param attempts at least 1
     * @return the new settings
     */
    public S3Settings withMaxAttempts(int attempts) {
        return new S3Settings(bucket, prefix, region, endpoint, pathStyle, attempts, multipartThreshold, partSize);
    }

    /**
     * These settings with other multipart upload sizes.
     *
     * @param threshold plans larger than this are uploaded in parts
     * @param size      the part size, 5 MiB to 2 GiB
     * @return the new settings
     */
    public S3Settings withMultipart(long threshold, long size) {
        return new S3Settings(bucket, prefix, region, endpoint, pathStyle, maxAttempts, threshold, size);
    }

    /** The object key of a file of the cache layout: {@code <prefix>/<fileName>}. */
    String objectKey(String fileName) {
        return prefix.isEmpty() ? fileName : prefix + "/" + fileName;
    }

    /** {@code s3://bucket/<key>}, for messages. */
    String url(String objectKey) {
        return "s3://" + bucket + "/" + objectKey;
    }

    /**
     * Where the engines are, for messages.
     *
     * @return {@code s3://bucket/prefix}
     */
    public String location() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    private static String trimSlashes(String text) {
        String out = text.strip();
        while (out.startsWith("/")) {
            out = out.substring(1);
        }
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }
}

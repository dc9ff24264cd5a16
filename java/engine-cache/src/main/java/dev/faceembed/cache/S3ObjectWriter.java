package dev.faceembed.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes objects only where the key is still free: {@code If-None-Match: *} on PutObject and on
 * CompleteMultipartUpload, so that of two uploaders exactly one creates the object and the other is told
 * (412 Precondition Failed). Files above the multipart threshold go up in parts.
 *
 * <p>A store that answers the condition with 501 Not Implemented gets a weaker equivalent from then on: a HEAD, then an
 * unconditional write. Two uploaders racing between those two requests can both write; callers check the result
 * afterwards, and downloads verify sha256 in any case.
 */
final class S3ObjectWriter {
    private static final Logger LOG = LoggerFactory.getLogger(S3ObjectWriter.class);
    private static final String ANY_ETAG = "*";

    private final S3Client client;
    private final S3Settings settings;
    private final AtomicBoolean conditionalWrites = new AtomicBoolean(true);

    S3ObjectWriter(S3Client client, S3Settings settings) {
        this.client = client;
        this.settings = settings;
    }

    /** False once the store has refused a conditional write; then writes are check-then-write. */
    boolean conditionalWritesSupported() {
        return conditionalWrites.get();
    }

    /** Uploads {@code file} to {@code key} unless the key exists; false if it does (someone else wrote it first). */
    boolean putFileIfAbsent(String key, Path file, Map<String, String> metadata) throws IOException {
        long size = Files.size(file);
        return putIfAbsent(key, conditional -> {
            if (size > settings.multipartThreshold()) {
                putMultipart(key, file, size, metadata, conditional);
            } else {
                client.putObject(b -> b.bucket(settings.bucket()).key(key).metadata(metadata)
                        .contentLength(size).ifNoneMatch(conditional ? ANY_ETAG : null), RequestBody.fromFile(file));
            }
        });
    }

    /** Uploads {@code content} to {@code key} unless the key exists; false if it does. */
    boolean putBytesIfAbsent(String key, byte[] content, String contentType) throws IOException {
        return putIfAbsent(key, conditional -> client.putObject(b -> b.bucket(settings.bucket()).key(key)
                        .contentType(contentType).ifNoneMatch(conditional ? ANY_ETAG : null),
                RequestBody.fromBytes(content)));
    }

    /** Whether {@code key} exists. */
    boolean exists(String key) {
        try {
            client.headObject(b -> b.bucket(settings.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface Write {
        void run(boolean conditional) throws IOException;
    }

    private boolean putIfAbsent(String key, Write write) throws IOException {
        if (conditionalWrites.get()) {
            try {
                write.run(true);
                return true;
            } catch (S3Exception e) {
                if (lostRace(e)) {
                    return false;
                }
                if (e.statusCode() != 501) {
                    throw e;
                }
                if (conditionalWrites.compareAndSet(true, false)) {
                    LOG.warn("{} does not support conditional writes (If-None-Match: *). Falling back to"
                            + " check-then-write, which cannot stop two uploaders that race for the same key;"
                            + " uploads are checked afterwards and downloads verify sha256", settings.location());
                }
            }
        }
        if (exists(key)) {
            return false;
        }
        write.run(false);
        return true;
    }

    /**
     * 412: the key exists. 409 ConditionalRequestConflict: another conditional write to the key is in flight; both
     * mean that someone else is creating this object.
     */
    private static boolean lostRace(S3Exception e) {
        return e.statusCode() == 412 || e.statusCode() == 409;
    }

    private void putMultipart(String key, Path file, long size, Map<String, String> metadata, boolean conditional)
            throws IOException {
        String uploadId = client.createMultipartUpload(b -> b.bucket(settings.bucket()).key(key).metadata(metadata)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        boolean completed = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            List<CompletedPart> parts = new ArrayList<>();
            // One part in memory at a time; the SDK opens a fresh stream over it for each retry.
            byte[] buffer = new byte[(int) Math.min(settings.partSize(), size)];
            long offset = 0;
            for (int number = 1; offset < size; number++) {
                int length = (int) Math.min(settings.partSize(), size - offset);
                readFully(channel, buffer, length, offset);
                int partNumber = number;
                UploadPartResponse response = client.uploadPart(b -> b.bucket(settings.bucket()).key(key)
                                .uploadId(uploadId).partNumber(partNumber).contentLength((long) length)
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                        RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                                "application/octet-stream"));
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(response.eTag())
                        .checksumCRC32(response.checksumCRC32()).build());
                offset += length;
            }
            client.completeMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)).ifNoneMatch(conditional ? ANY_ETAG : null));
            completed = true;
        } finally {
            if (!completed) {
                abort(key, uploadId);
            }
        }
    }

    private void abort(String key, String uploadId) {
        try {
            client.abortMultipartUpload(b -> b.bucket(settings.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warn("Cannot abort multipart upload {} of {} ({}); a bucket lifecycle rule for incomplete"
                    + " multipart uploads removes its parts", uploadId, settings.url(key), e.getMessage());
        }
    }

    private static void readFully(FileChannel channel, byte[] buffer, int length, long offset) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
        while (target.hasRemaining()) {
            if (channel.read(target, offset + target.position()) < 0) {
                throw new EOFException("plan file shrank while it was being uploaded");
            }
        }
    }
}

package dev.faceembed.cache;

import dev.faceembed.cache.EngineCacheException.Reason;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An S3 bucket holding engines in the local cache's layout: {@code <prefix>/<stem>.plan} and
 * {@code <prefix>/<stem>.json}. Downloads are verified against their sidecar before anyone sees them; uploads put the
 * plan first and the sidecar last, both only if the key is still free, so a half-finished upload is never taken for an
 * entry and two uploaders cannot overwrite each other.
 *
 * <p>Every failure is an {@link EngineCacheException} ({@link Reason#REMOTE} after the SDK's retries). Thread-safe.
 */
public final class S3EngineStore implements AutoCloseable {
    /** User metadata on plan objects: lets a losing uploader compare bytes before the winner's sidecar is there. */
    static final String PLAN_SHA256_METADATA = "faceembed-plan-sha256";
    /** How long a losing uploader waits for the winner's sidecar before it reports the entry as unconfirmed. */
    private static final Duration PENDING_SIDECAR_WAIT = Duration.ofSeconds(5);
    private static final long PENDING_SIDECAR_POLL_MILLIS = 200;
    private static final int DOWNLOAD_BUFFER_BYTES = 1 << 16;

    private final S3Settings settings;
    private final S3Client client;
    private final S3ObjectWriter writer;

    private S3EngineStore(S3Settings settings, S3Client client) {
        this.settings = settings;
        this.client = client;
        this.writer = new S3ObjectWriter(client, settings);
    }

    /**
     * Opens a client for {@code settings}; no request is made until the first lookup or upload.
     *
     * @param settings the bucket, prefix, region and endpoint
     * @return the store; close it to release the client
     */
    public static S3EngineStore open(S3Settings settings) {
        Objects.requireNonNull(settings, "settings");
        return new S3EngineStore(settings, S3Clients.create(settings));
    }

    /**
     * The settings the store was opened with.
     *
     * @return the settings
     */
    public S3Settings settings() {
        return settings;
    }

    /**
     * Where the engines are.
     *
     * @return {@code s3://bucket/prefix}
     */
    public String location() {
        return settings.location();
    }

    /**
     * The plan object's address for {@code key}.
     *
     * @param key the engine
     * @return its {@code s3://} address
     */
    public String planUrl(EngineKey key) {
        return settings.url(planKey(key));
    }

    /**
     * False once the store has answered a conditional write (If-None-Match) with 501 Not Implemented; uploads then
     * check-then-write, which is weaker (see {@link UploadOutcome#CONFLICT}).
     *
     * @return whether conditional writes are still used
     */
    public boolean conditionalWritesSupported() {
        return writer.conditionalWritesSupported();
    }

    /**
     * Downloads the entry for {@code key} into {@code planFile} and returns its sidecar, or empty when the bucket has
     * no sidecar for the key. The sidecar must describe {@code key}, and the plan's size and sha256 must match it;
     * otherwise nothing is returned and the exception says which object is wrong.
     *
     * @param key      the engine
     * @param planFile an existing file, overwritten; on failure it holds partial bytes and the caller deletes it
     * @return the sidecar, or empty when the bucket has none for the key
     * @throws IOException          if writing {@code planFile} fails
     * @throws EngineCacheException {@link Reason#MISMATCH}, {@link Reason#CORRUPT} or {@link Reason#REMOTE}
     */
    public Optional<EngineSidecar> download(EngineKey key, Path planFile) throws IOException {
        String sidecarKey = sidecarKey(key);
        Optional<EngineSidecar> found = readSidecar(sidecarKey);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        EngineSidecar sidecar = found.get();
        List<String> differences = key.differencesFrom(sidecar.key());
        if (!differences.isEmpty()) {
            throw new EngineCacheException(Reason.MISMATCH, settings.url(sidecarKey) + " describes another engine: "
                    + String.join("; ", differences) + ". Fix: " + removeAndReupload(key));
        }
        String planKey = planKey(key);
        MessageDigest digest = Sha256.newDigest();
        long bytes = 0;
        try (ResponseInputStream<GetObjectResponse> in = getObject(planKey);
             OutputStream out = Files.newOutputStream(planFile, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            if (in == null) {
                throw new EngineCacheException(Reason.CORRUPT, settings.url(sidecarKey) + " exists but "
                        + settings.url(planKey) + " does not: the entry is incomplete. Fix: "
                        + removeAndReupload(key));
            }
            try {
                byte[] buffer = new byte[DOWNLOAD_BUFFER_BYTES];
                for (int n; (n = read(in, buffer, planKey)) > 0; ) {
                    digest.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    bytes += n;
                }
            } catch (IOException | RuntimeException e) {
                // Without this, closing the stream would first drain the rest of a possibly huge object.
                in.abort();
                throw e;
            }
        }
        String sha256 = Sha256.hex(digest.digest());
        if (bytes != sidecar.planBytes() || !sha256.equals(sidecar.planSha256())) {
            throw new EngineCacheException(Reason.CORRUPT, "Downloaded " + settings.url(planKey) + " has " + bytes
                    + " bytes and sha256 " + sha256 + ", but its sidecar records " + sidecar.planBytes()
                    + " bytes and sha256 " + sidecar.planSha256() + ": the object is corrupt or was replaced, and"
                    + " was not put in the local cache. Fix: " + removeAndReupload(key));
        }
        return Optional.of(sidecar);
    }

    /**
     * Uploads a local entry: the plan, then the sidecar, each only if its key is still free in the bucket. The local
     * plan is hashed first, so a damaged file is never uploaded.
     *
     * @param plan    the local plan file
     * @param sidecar its sidecar
     * @return how it ended; losing a race to another uploader is an outcome, not an exception
     * @throws EngineCacheException {@link Reason#CORRUPT} if the plan does not match the sidecar,
     *                              {@link Reason#STORAGE} if it cannot be read, {@link Reason#REMOTE} if S3 fails
     */
    public UploadResult upload(Path plan, EngineSidecar sidecar) {
        EngineKey key = sidecar.key();
        String planKey = planKey(key);
        String sidecarKey = sidecarKey(key);
        byte[] sidecarJson = sidecar.toJson().getBytes(StandardCharsets.UTF_8);
        try {
            String localSha = Sha256.ofFile(plan);
            if (!localSha.equals(sidecar.planSha256())) {
                throw new EngineCacheException(Reason.CORRUPT, "Not uploading " + plan + ": its sha256 is " + localSha
                        + " but its sidecar records " + sidecar.planSha256() + ". Fix: `embed cache prune` removes"
                        + " the damaged entry; then build it again");
            }
            if (!writer.putFileIfAbsent(planKey, plan, Map.of(PLAN_SHA256_METADATA, sidecar.planSha256()))) {
                return resolveExistingPlan(sidecar, sidecarJson);
            }
            if (!writer.putBytesIfAbsent(sidecarKey, sidecarJson, "application/json")) {
                return resolveExistingSidecar(sidecar);
            }
            if (!writer.conditionalWritesSupported()) {
                return confirmUnconditionalUpload(sidecar);
            }
            return new UploadResult(UploadOutcome.UPLOADED, "Engine " + key.fileStem() + " uploaded to "
                    + settings.url(planKey));
        } catch (SdkException e) {
            throw remoteFailure("upload to", planKey, e);
        } catch (IOException e) {
            throw new EngineCacheException(Reason.STORAGE, "Cannot read " + plan + " for upload: " + e, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** The plan key was taken: find out whose bytes are there and whether the entry is complete. */
    private UploadResult resolveExistingPlan(EngineSidecar ours, byte[] oursJson) throws IOException {
        EngineKey key = ours.key();
        String planUrl = settings.url(planKey(key));
        Optional<HeadObjectResponse> head = headPlan(key);
        if (head.isEmpty()) {
            return new UploadResult(UploadOutcome.CONFLICT, "Another upload of " + planUrl + " was under way and"
                    + " its object is gone now (it failed or was deleted). Fix: upload this entry again");
        }
        Optional<String> theirSha = head.flatMap(S3EngineStore::planSha);
        if (theirSha.isPresent() && theirSha.get().equals(ours.planSha256())) {
            // Same bytes. Should the first uploader have died before its sidecar, ours completes the entry.
            writer.putBytesIfAbsent(sidecarKey(key), oursJson, "application/json");
        }
        Optional<EngineSidecar> theirs = awaitSidecar(key);
        if (theirs.isPresent()) {
            EngineSidecar sidecar = theirs.get();
            if (sidecar.planSha256().equals(ours.planSha256())) {
                return new UploadResult(UploadOutcome.ALREADY_PRESENT, planUrl + " already holds this plan"
                        + " (sha256 " + ours.planSha256() + ")");
            }
            if (theirSha.isEmpty() || theirSha.get().equals(sidecar.planSha256())) {
                return new UploadResult(UploadOutcome.OTHER_BUILD_PRESENT, planUrl + " already holds another build"
                        + " of this engine (sha256 " + sidecar.planSha256() + ", built on " + sidecar.host() + " at "
                        + sidecar.builtAt() + "); the bucket keeps it and this build (sha256 " + ours.planSha256()
                        + ") stays local");
            }
            return new UploadResult(UploadOutcome.CONFLICT, planUrl + " holds plan bytes with sha256 "
                    + theirSha.get() + " but its sidecar records " + sidecar.planSha256()
                    + ": the remote entry is inconsistent and downloads reject it. Fix: " + removeAndReupload(key));
        }
        return new UploadResult(UploadOutcome.CONFLICT, planUrl + " exists without a sidecar and holds "
                + theirSha.map(sha -> "other bytes (sha256 " + sha + ")").orElse("bytes of unknown sha256")
                + " than this build (sha256 " + ours.planSha256() + "): another upload is still running or"
                + " crashed, and downloads ignore it until its sidecar appears. Fix: if it persists, "
                + removeAndReupload(key));
    }

    /** Our plan went up but a sidecar was already there, left by an earlier entry whose plan was deleted. */
    private UploadResult resolveExistingSidecar(EngineSidecar ours) {
        EngineKey key = ours.key();
        Optional<EngineSidecar> theirs = readSidecar(sidecarKey(key));
        if (theirs.isPresent() && theirs.get().planSha256().equals(ours.planSha256())) {
            return new UploadResult(UploadOutcome.UPLOADED, "Engine " + key.fileStem() + " uploaded to "
                    + planUrl(key) + " (its sidecar was already there)");
        }
        return new UploadResult(UploadOutcome.CONFLICT, settings.url(sidecarKey(key)) + " was already there and"
                + " describes other plan bytes than the plan just uploaded: downloads reject the pair. Fix: "
                + removeAndReupload(key));
    }

    /** Without conditional writes another uploader may have overwritten ours: check what the bucket holds now. */
    private UploadResult confirmUnconditionalUpload(EngineSidecar ours) {
        EngineKey key = ours.key();
        Optional<String> planSha = headPlan(key).flatMap(S3EngineStore::planSha);
        Optional<EngineSidecar> sidecar = readSidecar(sidecarKey(key));
        boolean planIsOurs = planSha.isPresent() && planSha.get().equals(ours.planSha256());
        boolean sidecarIsOurs = sidecar.isPresent() && sidecar.get().planSha256().equals(ours.planSha256());
        if (planIsOurs && sidecarIsOurs) {
            return new UploadResult(UploadOutcome.UPLOADED, "Engine " + key.fileStem() + " uploaded to "
                    + planUrl(key) + " (checked after writing: " + location()
                    + " does not support conditional writes)");
        }
        return new UploadResult(UploadOutcome.CONFLICT, "Another uploader wrote " + planUrl(key) + " at the same"
                + " time; " + location() + " does not support conditional writes, so the race could not be"
                + " prevented. Downloads verify sha256 and reject a mismatched pair. Fix: " + removeAndReupload(key));
    }

    /** The remote plan object's metadata, or empty if it does not exist. */
    private Optional<HeadObjectResponse> headPlan(EngineKey key) {
        try {
            return Optional.of(client.headObject(b -> b.bucket(settings.bucket()).key(planKey(key))));
        } catch (S3Exception e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The sha256 an uploader recorded on a plan object, if it recorded one. */
    private static Optional<String> planSha(HeadObjectResponse head) {
        return Optional.ofNullable(head.metadata().get(PLAN_SHA256_METADATA));
    }

    private Optional<EngineSidecar> awaitSidecar(EngineKey key) {
        long deadline = System.nanoTime() + PENDING_SIDECAR_WAIT.toNanos();
        while (true) {
            Optional<EngineSidecar> sidecar = readSidecar(sidecarKey(key));
            if (sidecar.isPresent() || System.nanoTime() - deadline >= 0) {
                return sidecar;
            }
            try {
                Thread.sleep(PENDING_SIDECAR_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineCacheException(Reason.INTERRUPTED, "Interrupted while waiting for "
                        + settings.url(sidecarKey(key)), e);
            }
        }
    }

    private Optional<EngineSidecar> readSidecar(String sidecarKey) {
        String json;
        try {
            json = client.getObjectAsBytes(b -> b.bucket(settings.bucket()).key(sidecarKey)).asUtf8String();
        } catch (S3Exception e) {
            if (isNotFound(e)) {
                return Optional.empty();
            }
            throw remoteFailure("read", sidecarKey, e);
        } catch (SdkException e) {
            throw remoteFailure("read", sidecarKey, e);
        }
        try {
            return Optional.of(EngineSidecar.fromJson(json, settings.url(sidecarKey)));
        } catch (IllegalArgumentException e) {
            throw new EngineCacheException(Reason.CORRUPT, "The sidecar " + settings.url(sidecarKey)
                    + " is unreadable: " + e.getMessage() + ". Fix: delete it (aws s3 rm " + settings.url(sidecarKey)
                    + ") and its plan, then upload a good build");
        }
    }

    /** The plan object's stream, or null if it does not exist. */
    private ResponseInputStream<GetObjectResponse> getObject(String planKey) {
        try {
            return client.getObject(b -> b.bucket(settings.bucket()).key(planKey));
        } catch (S3Exception e) {
            if (isNotFound(e)) {
                return null;
            }
            throw remoteFailure("download", planKey, e);
        } catch (SdkException e) {
            throw remoteFailure("download", planKey, e);
        }
    }

    private int read(InputStream in, byte[] buffer, String planKey) {
        try {
            return in.read(buffer);
        } catch (IOException e) {
            throw new EngineCacheException(Reason.REMOTE, "Download of " + settings.url(planKey) + " broke off: "
                    + e + ". Fix: check the network to " + describeEndpoint() + " and try again", e);
        } catch (SdkException e) {
            throw remoteFailure("download", planKey, e);
        }
    }

    private static boolean isNotFound(S3Exception e) {
        return e instanceof NoSuchKeyException || e.statusCode() == 404;
    }

    /** How to replace a bad remote entry, for messages that start with "Fix: ". */
    private String removeAndReupload(EngineKey key) {
        return "delete the entry (aws s3 rm " + planUrl(key) + " && aws s3 rm " + settings.url(sidecarKey(key))
                + "), then build and upload it again (`embed build ... --upload` on an " + key.target().smArch()
                + " machine with TensorRT " + key.tensorRtVersion() + ")";
    }

    private EngineCacheException remoteFailure(String action, String objectKey, SdkException e) {
        String what = e instanceof S3Exception s3
                ? "HTTP " + s3.statusCode() + " " + (s3.awsErrorDetails() == null ? "" : s3.awsErrorDetails().errorCode())
                + ": " + (s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage())
                : e.getMessage();
        return new EngineCacheException(Reason.REMOTE, "S3 " + action + " " + settings.url(objectKey) + " failed"
                + " after " + settings.maxAttempts() + " attempts: " + what + ". Fix: check " + describeEndpoint()
                + ", the bucket and region, and the credentials the AWS SDK's default chain finds", e);
    }

    private String describeEndpoint() {
        return settings.endpoint().map(uri -> "the endpoint " + uri).orElse("the network to S3");
    }

    private String planKey(EngineKey key) {
        return settings.objectKey(key.fileStem() + EntryPaths.PLAN_SUFFIX);
    }

    private String sidecarKey(EngineKey key) {
        return settings.objectKey(key.fileStem() + EntryPaths.SIDECAR_SUFFIX);
    }
}

package dev.faceembed.spark;

import dev.faceembed.cache.BatchProfile;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.cache.EngineSidecar;
import dev.faceembed.cache.EngineTarget;
import dev.faceembed.cache.Precision;
import dev.faceembed.cache.S3EngineStore;
import dev.faceembed.cache.S3Settings;
import dev.faceembed.cache.UploadResult;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;

/**
 * Run by {@link JobJarIT} in a JVM whose class path is the job jar, this class and slf4j-api (which Spark provides):
 * uploads a TensorRT engine entry through the engine cache's S3 store and downloads it again, so every request goes
 * through the job jar's relocated AWS SDK and Apache HttpClient. Arguments: S3 endpoint, bucket, a scratch folder.
 * Prints where the S3 client class came from and what the round trip gave.
 */
public final class RelocatedS3RoundTrip {
    /** The S3 client class as the job jar holds it. */
    static final String RELOCATED_CLIENT = "dev.faceembed.shaded.awssdk.services.s3.S3Client";
    static final String ORIGINAL_CLIENT = "software.amazon.awssdk.services.s3.S3Client";

    private RelocatedS3RoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        Path dir = Path.of(args[2]);
        byte[] plan = new byte[200_000];
        new Random(7).nextBytes(plan);
        Path planFile = Files.write(dir.resolve("engine.plan"), plan);
        EngineKey key = EngineKey.builder("fr_feature_dynbatch", "ab".repeat(32)).precision(Precision.FP16)
                .profile(new BatchProfile(1, 16, 32)).workspaceBytes(1L << 30)
                .target(new EngineTarget(9, 0, "10.16.0", "NVIDIA H100 80GB HBM3")).build();
        EngineSidecar sidecar = new EngineSidecar(key,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plan)), plan.length, "13.0",
                Instant.now(), 1, "job-jar-test", "test");
        System.out.println("client class from: " + Path.of(Class.forName(RELOCATED_CLIENT).getProtectionDomain()
                .getCodeSource().getLocation().toURI()));
        System.out.println("original client class: " + (present(ORIGINAL_CLIENT) ? "present" : "absent"));
        try (S3EngineStore store = S3EngineStore.open(S3Settings.forBucket(args[1]).withEndpoint(endpoint)
                .withMaxAttempts(1))) {
            UploadResult uploaded = store.upload(planFile, sidecar);
            System.out.println("upload: " + uploaded.outcome());
            Path downloaded = Files.createFile(dir.resolve("downloaded.plan"));
            Optional<EngineSidecar> found = store.download(key, downloaded);
            System.out.println("download: " + (found.equals(Optional.of(sidecar))
                    && Arrays.equals(plan, Files.readAllBytes(downloaded)) ? "the uploaded plan" : "other bytes"));
        }
    }

    private static boolean present(String className) {
        try {
            Class.forName(className);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}

package dev.faceembed.cache;

import dev.faceembed.cache.EngineCacheException.Reason;
import dev.faceembed.cache.TestEngines.CountingBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache with an S3 bucket behind it, against a real S3 server (s3proxy). */
class EngineCacheS3Test {
    private static S3TestServer server;

    @TempDir
    Path machineA;
    @TempDir
    Path machineB;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3TestServer.start(true);
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    private static EngineCache cache(Path dir, S3Settings settings) {
        return EngineCache.builder(dir).s3(S3EngineStore.open(settings)).build();
    }

    /**
     * An engine TensorRT refused is evicted here and built again here: the bucket's copy (the refused one) is neither
     * downloaded again nor deleted.
     */
    @Test
    void anEvictedEngineIsRebuiltLocallyAndTheBucketCopyStays() throws IOException {
        S3Settings settings = server.settings(server.newBucket());
        EngineKey key = TestEngines.key();
        try (EngineCache a = cache(machineA, settings)) {
            a.getOrBuild(key, new CountingBuilder(), LookupPolicy.buildAndUpload());
        }
        try (EngineCache b = cache(machineB, settings)) {
            CachedEngine downloaded = b.getOrBuild(key, new CountingBuilder(), LookupPolicy.cacheOnly());
            assertEquals(EngineSource.S3, downloaded.source());
            assertTrue(b.evict(key, "TensorRT refused it"));
            assertTrue(Files.notExists(downloaded.plan()));
            CountingBuilder rebuild = new CountingBuilder(TestEngines.planBytes(3000, 11));
            CachedEngine rebuilt = b.getOrBuild(key, rebuild, LookupPolicy.rebuildLocally());
            assertEquals(EngineSource.BUILT, rebuilt.source());
            assertEquals(1, rebuild.builds());
            assertArrayEquals(rebuild.plan(), Files.readAllBytes(rebuilt.plan()));
            assertTrue(!b.evict(TestEngines.key(8, 6, "10.16.0"), "absent"), "nothing to evict");
        }
        server.client().headObject(h -> h.bucket(settings.bucket()).key("team/engines/" + key.fileStem() + ".plan"));
    }

    @Test
    void anEngineBuiltAndUploadedOnOneMachineIsDownloadedOnAnother() throws IOException {
        S3Settings settings = server.settings(server.newBucket());
        EngineKey key = TestEngines.key();
        CountingBuilder builder = new CountingBuilder();
        CachedEngine built;
        try (EngineCache a = cache(machineA, settings)) {
            built = a.getOrBuild(key, builder, LookupPolicy.buildAndUpload());
        }
        assertEquals(EngineSource.BUILT, built.source());
        assertEquals(UploadOutcome.UPLOADED, built.upload().outcome(), built.upload().detail());
        HeadObjectResponse plan = server.client().headObject(b -> b.bucket(settings.bucket())
                .key("team/engines/" + key.fileStem() + ".plan"));
        assertEquals(built.sidecar().planSha256(), plan.metadata().get(S3EngineStore.PLAN_SHA256_METADATA));
        String remoteSidecar = server.client().getObjectAsBytes(b -> b.bucket(settings.bucket())
                .key("team/engines/" + key.fileStem() + ".json")).asUtf8String();
        assertEquals(built.sidecar(), EngineSidecar.fromJson(remoteSidecar, "remote"));

        try (EngineCache b = cache(machineB, settings)) {
            CachedEngine downloaded = b.getOrBuild(key, builder, LookupPolicy.cacheOnly());
            assertEquals(EngineSource.S3, downloaded.source());
            assertEquals(built.sidecar(), downloaded.sidecar());
            assertArrayEquals(builder.plan(), Files.readAllBytes(downloaded.plan()));
            assertEquals(List.of(EntryStatus.COMPLETE), b.verify().stream().map(CacheEntry::status).toList());
            assertEquals(EngineSource.LOCAL, b.getOrBuild(key, builder, LookupPolicy.cacheOnly()).source());
        }
        assertEquals(1, builder.builds());
        assertEquals(List.of(), tempFiles(machineB));
    }

    @Test
    void aMissEverywhereSaysWhereItLooked() {
        S3Settings settings = server.settings(server.newBucket());
        try (EngineCache cache = cache(machineA, settings)) {
            EngineCacheException e = assertThrows(EngineCacheException.class,
                    () -> cache.getOrBuild(TestEngines.key(), new CountingBuilder(), LookupPolicy.cacheOnly()));
            assertEquals(Reason.NOT_CACHED, e.reason());
            assertTrue(e.getMessage().contains("S3: not in s3://" + settings.bucket() + "/team/engines"),
                    e.getMessage());
            CachedEngine built = cache.getOrBuild(TestEngines.key(), new CountingBuilder(),
                    LookupPolicy.buildIfMissing());
            assertEquals(EngineSource.BUILT, built.source());
            assertEquals(UploadOutcome.NOT_REQUESTED, built.upload().outcome());
            assertEquals(List.of(), built.warnings());
        }
    }

    @Test
    void aTamperedObjectIsRejectedAndNeverEntersTheLocalCache() throws IOException {
        S3Settings settings = server.settings(server.newBucket());
        EngineKey key = TestEngines.key();
        try (EngineCache a = cache(machineA, settings)) {
            a.getOrBuild(key, new CountingBuilder(), LookupPolicy.buildAndUpload());
        }
        String planKey = "team/engines/" + key.fileStem() + ".plan";
        byte[] bytes = server.client().getObjectAsBytes(b -> b.bucket(settings.bucket()).key(planKey)).asByteArray();
        bytes[100] ^= 0x10;
        server.client().putObject(b -> b.bucket(settings.bucket()).key(planKey), RequestBody.fromBytes(bytes));

        try (EngineCache b = cache(machineB, settings)) {
            EngineCacheException e = assertThrows(EngineCacheException.class,
                    () -> b.getOrBuild(key, new CountingBuilder(), LookupPolicy.cacheOnly()));
            assertEquals(Reason.CORRUPT, e.reason());
            assertTrue(e.getMessage().contains("sha256 " + Sha256.hex(Sha256.newDigest().digest(bytes))),
                    e.getMessage());
            assertTrue(e.getMessage().contains("aws s3 rm s3://" + settings.bucket() + "/" + planKey),
                    e.getMessage());
            assertEquals(List.of(key.fileStem() + ".lock"), fileNames(machineB), "nothing of it may stay local");

            CountingBuilder builder = new CountingBuilder(TestEngines.planBytes(3000, 5));
            CachedEngine rebuilt = b.getOrBuild(key, builder, LookupPolicy.buildIfMissing());
            assertEquals(EngineSource.BUILT, rebuilt.source());
            assertArrayEquals(builder.plan(), Files.readAllBytes(rebuilt.plan()));
            assertTrue(rebuilt.warnings().getFirst().contains("was not put in the local cache"),
                    rebuilt.warnings().toString());
        }
    }

    @Test
    void aRemoteSidecarForAnotherGpuIsNotDownloaded() {
        S3Settings settings = server.settings(server.newBucket());
        EngineKey sm90 = TestEngines.key();
        EngineSidecar sm86 = new EngineSidecar(TestEngines.key(8, 6, "10.16.0"), "cd".repeat(32), 10, "13.0",
                Instant.parse("2026-01-01T00:00:00Z"), 1, "elsewhere", "0.1.0");
        server.client().putObject(b -> b.bucket(settings.bucket()).key("team/engines/" + sm90.fileStem() + ".json"),
                RequestBody.fromString(sm86.toJson()));
        try (EngineCache cache = cache(machineA, settings)) {
            EngineCacheException e = assertThrows(EngineCacheException.class,
                    () -> cache.getOrBuild(sm90, new CountingBuilder(), LookupPolicy.cacheOnly()));
            assertEquals(Reason.MISMATCH, e.reason());
            assertTrue(e.getMessage().contains("compute capability: engine built for sm86 (8.6), this GPU is sm90"),
                    e.getMessage());
        }
    }

    @Test
    void anUnreachableServerIsAWarningAndTheBuildGoesOn() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        S3Settings settings = S3Settings.forBucket("engines").withEndpoint(URI.create("http://127.0.0.1:"
                + closedPort)).withMaxAttempts(3);
        long started = System.nanoTime();
        try (EngineCache cache = cache(machineA, settings)) {
            EngineCacheException e = assertThrows(EngineCacheException.class,
                    () -> cache.getOrBuild(TestEngines.key(), new CountingBuilder(), LookupPolicy.cacheOnly()));
            assertEquals(Reason.NOT_CACHED, e.reason());
            assertTrue(e.getMessage().contains("failed after 3 attempts"), e.getMessage());

            CachedEngine built = cache.getOrBuild(TestEngines.key(), new CountingBuilder(),
                    LookupPolicy.buildAndUpload());
            assertEquals(EngineSource.BUILT, built.source());
            assertEquals(UploadOutcome.FAILED, built.upload().outcome());
            assertEquals(2, built.warnings().size(), built.warnings().toString());
            assertTrue(built.warnings().getFirst().startsWith("S3 lookup of engine"), built.warnings().toString());
            assertTrue(built.warnings().getFirst().contains("127.0.0.1:" + closedPort), built.warnings().toString());
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(elapsed.compareTo(Duration.ofSeconds(20)) < 0, "an outage must cost seconds, took " + elapsed);
    }

    private static List<String> tempFiles(Path dir) throws IOException {
        return fileNames(dir).stream().filter(name -> name.endsWith(".tmp")).toList();
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}

package dev.faceembed.cache;

import dev.faceembed.cache.EngineCacheException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Uploads and downloads against a real S3 server (s3proxy), with and without conditional-write support. */
class S3EngineStoreTest {
    private static S3TestServer server;
    private static S3TestServer serverWithoutConditionalWrites;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServers() throws Exception {
        server = S3TestServer.start(true);
        serverWithoutConditionalWrites = S3TestServer.start(false);
    }

    @AfterAll
    static void stopServers() throws Exception {
        server.stop();
        serverWithoutConditionalWrites.stop();
    }

    @Test
    void concurrentUploadsOfOneKeyHaveExactlyOneWinner() throws Exception {
        S3Settings settings = server.settings(server.newBucket());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (S3EngineStore first = S3EngineStore.open(settings); S3EngineStore second = S3EngineStore.open(settings)) {
            // Several rounds, one key each, so that more than one interleaving of the two uploads is exercised.
            for (String tensorRt : List.of("10.16.0", "10.16.1", "10.16.2")) {
                EngineKey key = TestEngines.key(9, 0, tensorRt);
                // TensorRT builds are not bit-reproducible: two builders of one key produce different plans.
                Entry a = entry(key, "a", TestEngines.planBytes(70_000, 1));
                Entry b = entry(key, "b", TestEngines.planBytes(70_000, 2));
                CyclicBarrier start = new CyclicBarrier(2);
                Future<UploadResult> fromA = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return first.upload(a.plan(), a.sidecar());
                });
                Future<UploadResult> fromB = pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return second.upload(b.plan(), b.sidecar());
                });
                List<UploadResult> results = List.of(fromA.get(30, TimeUnit.SECONDS), fromB.get(30, TimeUnit.SECONDS));

                List<UploadOutcome> outcomes = results.stream().map(UploadResult::outcome).sorted().toList();
                assertEquals(List.of(UploadOutcome.UPLOADED, UploadOutcome.OTHER_BUILD_PRESENT), outcomes,
                        results.toString());
                Entry winner = results.get(0).outcome() == UploadOutcome.UPLOADED ? a : b;
                Entry loser = winner == a ? b : a;
                UploadResult lost = results.get(winner == a ? 1 : 0);
                assertTrue(lost.detail().contains("sha256 " + winner.sidecar().planSha256()), lost.detail());
                assertTrue(lost.detail().contains("built on " + winner.sidecar().host()), lost.detail());
                assertTrue(lost.detail().contains("this build (sha256 " + loser.sidecar().planSha256() + ")"),
                        lost.detail());

                Path downloaded = Files.createTempFile(dir, "download", ".plan");
                assertEquals(Optional.of(winner.sidecar()), first.download(key, downloaded));
                assertArrayEquals(Files.readAllBytes(winner.plan()), Files.readAllBytes(downloaded));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameBytesUploadedTwiceAreAlreadyPresent() throws IOException {
        S3Settings settings = server.settings(server.newBucket());
        Entry entry = entry(TestEngines.key(), "a", TestEngines.planBytes(1000, 3));
        try (S3EngineStore store = S3EngineStore.open(settings)) {
            assertEquals(UploadOutcome.UPLOADED, store.upload(entry.plan(), entry.sidecar()).outcome());
            assertEquals(UploadOutcome.ALREADY_PRESENT, store.upload(entry.plan(), entry.sidecar()).outcome());
        }
    }

    @Test
    void largePlansGoUpInPartsAndComeBackIntact() throws IOException {
        S3Settings settings = server.settings(server.newBucket());
        EngineKey key = TestEngines.key();
        Entry big = entry(key, "a", TestEngines.planBytes(40_000_000, 4));
        try (S3EngineStore store = S3EngineStore.open(settings)) {
            assertEquals(UploadOutcome.UPLOADED, store.upload(big.plan(), big.sidecar()).outcome());
            HeadObjectResponse head = server.client().headObject(b -> b.bucket(settings.bucket())
                    .key("team/engines/" + key.fileStem() + ".plan"));
            // A multipart object's ETag ends in -<parts>: 40 MB in 8 MiB parts is five.
            assertTrue(head.eTag().endsWith("-5\""), head.eTag());
            assertEquals(40_000_000L, head.contentLength());

            Path downloaded = Files.createTempFile(dir, "download", ".plan");
            assertEquals(Optional.of(big.sidecar()), store.download(key, downloaded));
            assertEquals(big.sidecar().planSha256(), Sha256.ofFile(downloaded));

            // CompleteMultipartUpload is conditional too: a second, different build of the key loses.
            Entry other = entry(key, "b", TestEngines.planBytes(40_000_000, 5));
            assertEquals(UploadOutcome.OTHER_BUILD_PRESENT, store.upload(other.plan(), other.sidecar()).outcome());
            assertEquals(Optional.of(big.sidecar()), store.download(key, downloaded));
        }
    }

    @Test
    void aLocalPlanThatDoesNotMatchItsSidecarIsNotUploaded() throws IOException {
        S3Settings settings = server.settings(server.newBucket());
        Entry entry = entry(TestEngines.key(), "a", TestEngines.planBytes(1000, 3));
        Files.write(entry.plan(), TestEngines.planBytes(1000, 4));
        try (S3EngineStore store = S3EngineStore.open(settings)) {
            EngineCacheException e = assertThrows(EngineCacheException.class,
                    () -> store.upload(entry.plan(), entry.sidecar()));
            assertEquals(Reason.CORRUPT, e.reason());
        }
        assertEquals(0, server.client().listObjectsV2(b -> b.bucket(settings.bucket())).keyCount());
    }

    @Test
    void aPlanLeftWithoutSidecarByACrashedUploaderIsCompletedOrReported() throws IOException {
        S3Settings settings = server.settings(server.newBucket());
        EngineKey key = TestEngines.key();
        String planKey = "team/engines/" + key.fileStem() + ".plan";
        Entry ours = entry(key, "a", TestEngines.planBytes(1000, 6));
        try (S3EngineStore store = S3EngineStore.open(settings)) {
            // Same bytes as ours, sidecar never written: our upload completes the entry.
            server.client().putObject(b -> b.bucket(settings.bucket()).key(planKey)
                            .metadata(Map.of(S3EngineStore.PLAN_SHA256_METADATA, ours.sidecar().planSha256())),
                    RequestBody.fromFile(ours.plan()));
            Path downloaded = Files.createTempFile(dir, "download", ".plan");
            assertEquals(Optional.empty(), store.download(key, downloaded), "no sidecar: not an entry yet");
            assertEquals(UploadOutcome.ALREADY_PRESENT, store.upload(ours.plan(), ours.sidecar()).outcome());
            assertEquals(Optional.of(ours.sidecar()), store.download(key, downloaded));

            // Other bytes, no sidecar: nothing to confirm, so it is reported with the command that clears it.
            EngineKey otherKey = TestEngines.key(8, 9, "10.16.0");
            server.client().putObject(b -> b.bucket(settings.bucket())
                    .key("team/engines/" + otherKey.fileStem() + ".plan"), RequestBody.fromString("partial"));
            Entry mine = entry(otherKey, "a", TestEngines.planBytes(1000, 7));
            UploadResult result = store.upload(mine.plan(), mine.sidecar());
            assertEquals(UploadOutcome.CONFLICT, result.outcome());
            assertTrue(result.detail().contains("exists without a sidecar"), result.detail());
            assertTrue(result.detail().contains("aws s3 rm s3://" + settings.bucket() + "/team/engines/"
                    + otherKey.fileStem() + ".plan"), result.detail());
        }
    }

    @Test
    void aSidecarWithoutPlanIsACorruptRemoteEntry() throws IOException {
        S3Settings settings = server.settings(server.newBucket());
        Entry entry = entry(TestEngines.key(), "a", TestEngines.planBytes(1000, 8));
        server.client().putObject(b -> b.bucket(settings.bucket())
                .key("team/engines/" + TestEngines.key().fileStem() + ".json"), RequestBody.fromString(
                entry.sidecar().toJson()));
        try (S3EngineStore store = S3EngineStore.open(settings)) {
            Path downloaded = Files.createTempFile(dir, "download", ".plan");
            EngineCacheException e = assertThrows(EngineCacheException.class,
                    () -> store.download(TestEngines.key(), downloaded));
            assertEquals(Reason.CORRUPT, e.reason());
            assertTrue(e.getMessage().contains("the entry is incomplete"), e.getMessage());
        }
    }

    @Test
    void aStoreWithoutConditionalWritesFallsBackToCheckThenWrite() throws IOException {
        S3TestServer limited = serverWithoutConditionalWrites;
        S3Settings settings = limited.settings(limited.newBucket());
        S3Exception refused = assertThrows(S3Exception.class, () -> limited.client().putObject(
                b -> b.bucket(settings.bucket()).key("probe").ifNoneMatch("*"), RequestBody.fromString("x")));
        assertEquals(501, refused.statusCode(), "the server must refuse If-None-Match for this test to mean anything");

        EngineKey key = TestEngines.key();
        Entry a = entry(key, "a", TestEngines.planBytes(2000, 1));
        Entry b = entry(key, "b", TestEngines.planBytes(2000, 2));
        try (S3EngineStore first = S3EngineStore.open(settings); S3EngineStore second = S3EngineStore.open(settings)) {
            UploadResult uploaded = first.upload(a.plan(), a.sidecar());
            assertEquals(UploadOutcome.UPLOADED, uploaded.outcome());
            assertTrue(uploaded.detail().contains("does not support conditional writes"), uploaded.detail());
            assertFalse(first.conditionalWritesSupported());

            assertEquals(UploadOutcome.OTHER_BUILD_PRESENT, second.upload(b.plan(), b.sidecar()).outcome());
            Path downloaded = Files.createTempFile(dir, "download", ".plan");
            assertEquals(Optional.of(a.sidecar()), second.download(key, downloaded));
        }
    }

    private record Entry(Path plan, EngineSidecar sidecar) {
    }

    private Entry entry(EngineKey key, String host, byte[] bytes) throws IOException {
        Path plan = Files.createTempFile(dir, key.fileStem(), ".plan");
        Files.write(plan, bytes);
        EngineSidecar sidecar = new EngineSidecar(key, Sha256.ofFile(plan), bytes.length, "13.0",
                Instant.parse("2026-04-01T00:00:00Z"), 1000, host, "0.1.0");
        return new Entry(plan, sidecar);
    }
}

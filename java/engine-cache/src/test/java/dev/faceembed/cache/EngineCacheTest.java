package dev.faceembed.cache;

import dev.faceembed.cache.EngineCacheException.Reason;
import dev.faceembed.cache.TestEngines.CountingBuilder;
import dev.faceembed.files.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineCacheTest {
    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

    @TempDir
    Path dir;

    private EngineCache cache() {
        return cacheAt(NOW);
    }

    private EngineCache cacheAt(Instant now) {
        return EngineCache.builder(dir).clock(Clock.fixed(now, ZoneOffset.UTC)).host("test-host")
                .lockTimeout(Duration.ofSeconds(10)).build();
    }

    private EntryPaths paths(EngineKey key) {
        return new EntryPaths(dir, key.fileStem());
    }

    @Test
    void missBuildsAndPublishesPlanAndSidecarThenHitLoadsIt() throws IOException {
        CountingBuilder builder = new CountingBuilder();
        EngineKey key = TestEngines.key();
        CachedEngine built = cache().getOrBuild(key, builder, LookupPolicy.buildIfMissing());

        assertEquals(EngineSource.BUILT, built.source());
        assertEquals(paths(key).plan(), built.plan());
        assertArrayEquals(builder.plan(), Files.readAllBytes(built.plan()));
        EngineSidecar sidecar = EngineSidecar.fromJson(Files.readString(paths(key).sidecar()), "sidecar");
        assertEquals(built.sidecar(), sidecar);
        assertEquals(key, sidecar.key());
        assertEquals(Sha256.ofFile(built.plan()), sidecar.planSha256());
        assertEquals(builder.plan().length, sidecar.planBytes());
        assertEquals(NOW, sidecar.builtAt());
        assertEquals("test-host", sidecar.host());
        assertEquals("13.0", sidecar.cudaVersion());
        assertEquals(List.of(key.fileStem() + ".json", key.fileStem() + ".lock", key.fileStem() + ".plan"),
                fileNames(), "no temporary file may be left behind");

        CachedEngine hit = cache().getOrBuild(key, builder, LookupPolicy.cacheOnly());
        assertEquals(EngineSource.LOCAL, hit.source());
        assertEquals(built.sidecar(), hit.sidecar());
        assertEquals(1, builder.builds());
    }

    @Test
    void emptyCacheWithoutBuildNamesTheExactBuildCommand() {
        EngineCacheException e = assertThrows(EngineCacheException.class,
                () -> cache().getOrBuild(TestEngines.key(), new CountingBuilder(), LookupPolicy.cacheOnly()));
        assertEquals(Reason.NOT_CACHED, e.reason());
        assertTrue(e.getMessage().contains("local cache " + dir + ": not there"), e.getMessage());
        assertTrue(e.getMessage().contains("Fix: on a machine with the GPU NVIDIA H100 80GB HBM3 (sm90) and TensorRT"
                + " 10.16.0, run `java -jar embed.jar build --model '<fr_feature_dynbatch.onnx>' --precision fp16"
                + " --profiles 1/16/64 --workspace-mb 1024 --engine-cache " + dir + "`"
                + " with the ONNX model whose sha256 is " + TestEngines.MODEL_SHA256), e.getMessage());
    }

    @ParameterizedTest(name = "sidecar edited: {0} = {1}")
    @CsvSource({
            "compute_capability, 8.6, 'compute capability: engine built for sm86 (8.6), this GPU is sm90 (9.0)'",
            "tensorrt_version, 10.3.0, 'TensorRT: engine built with 10.3.0, this runtime is 10.16.0'",
            "gpu_model, NVIDIA H200, 'GPU model: engine built for NVIDIA H200, asked for NVIDIA H100 80GB HBM3'",
            "model_sha256, 0000000000000000000000000000000000000000000000000000000000000001,"
                    + " 'model: engine built from sha256 0000000000000000000000000000000000000000000000000000000000000001'"
    })
    void sidecarForAnotherEngineIsNeverLoaded(String field, String value, String expectedMismatch)
            throws IOException {
        EngineKey key = TestEngines.key();
        cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.buildIfMissing());
        editSidecar(key, field, value);

        EngineCacheException e = assertThrows(EngineCacheException.class,
                () -> cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.cacheOnly()));
        assertEquals(Reason.MISMATCH, e.reason());
        assertTrue(e.getMessage().contains(expectedMismatch), e.getMessage());
        assertTrue(e.getMessage().contains("java -jar embed.jar build --model"), e.getMessage());

        CountingBuilder rebuild = new CountingBuilder(TestEngines.planBytes(5000, 9));
        CachedEngine rebuilt = cache().getOrBuild(key, rebuild, LookupPolicy.buildIfMissing());
        assertEquals(EngineSource.BUILT, rebuilt.source());
        assertEquals(1, rebuild.builds());
        assertEquals(List.of(EntryStatus.COMPLETE), statuses(cache().verify()));
    }

    @Test
    void tamperedPlanFailsItsSha256AndIsRebuilt() throws IOException {
        EngineKey key = TestEngines.key();
        cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.buildIfMissing());
        byte[] bytes = Files.readAllBytes(paths(key).plan());
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(paths(key).plan(), bytes);

        EngineCacheException e = assertThrows(EngineCacheException.class,
                () -> cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.cacheOnly()));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("plan sha256 is " + Sha256.hex(Sha256.newDigest().digest(bytes))),
                e.getMessage());

        CountingBuilder rebuild = new CountingBuilder();
        assertEquals(EngineSource.BUILT, cache().getOrBuild(key, rebuild, LookupPolicy.buildIfMissing()).source());
        assertArrayEquals(rebuild.plan(), Files.readAllBytes(paths(key).plan()));
    }

    @Test
    void truncatedPlanAndUnreadableSidecarAreCorrupt() throws IOException {
        EngineKey key = TestEngines.key();
        cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.buildIfMissing());
        Files.write(paths(key).plan(), new byte[10]);
        EngineCacheException truncated = assertThrows(EngineCacheException.class,
                () -> cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.cacheOnly()));
        assertEquals(Reason.CORRUPT, truncated.reason());
        assertTrue(truncated.getMessage().contains("plan has 10 bytes, its sidecar records 4096"),
                truncated.getMessage());

        Files.writeString(paths(key).sidecar(), "{\"format_version\": 1, \"model_name\": ");
        EngineCacheException unreadable = assertThrows(EngineCacheException.class,
                () -> cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.cacheOnly()));
        assertEquals(Reason.CORRUPT, unreadable.reason());
        assertTrue(unreadable.getMessage().contains("sidecar unreadable"), unreadable.getMessage());
        assertEquals(EngineSource.BUILT,
                cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.buildIfMissing()).source());
    }

    @Test
    void planWithoutSidecarIsAbsentAndRebuilt() throws IOException {
        EngineKey key = TestEngines.key();
        Files.write(paths(key).plan(), TestEngines.planBytes(100, 1));
        EngineCacheException e = assertThrows(EngineCacheException.class,
                () -> cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.cacheOnly()));
        assertEquals(Reason.NOT_CACHED, e.reason());
        assertTrue(e.getMessage().contains("plan without sidecar"), e.getMessage());

        CountingBuilder builder = new CountingBuilder();
        assertEquals(EngineSource.BUILT, cache().getOrBuild(key, builder, LookupPolicy.buildIfMissing()).source());
        assertArrayEquals(builder.plan(), Files.readAllBytes(paths(key).plan()));
    }

    @Test
    void engineForAnotherGpuIsReportedWithItsMismatch() {
        EngineKey sm86 = TestEngines.key(8, 6, "10.16.0");
        cache().getOrBuild(sm86, new CountingBuilder(), LookupPolicy.buildIfMissing());

        EngineKey sm90 = TestEngines.key();
        EngineCacheException e = assertThrows(EngineCacheException.class,
                () -> cache().getOrBuild(sm90, new CountingBuilder(), LookupPolicy.cacheOnly()));
        assertEquals(Reason.MISMATCH, e.reason());
        assertTrue(e.getMessage().contains(sm86.fileStem() + ".plan: compute capability: engine built for sm86 (8.6),"
                + " this GPU is sm90 (9.0)"), e.getMessage());

        assertEquals(EngineSource.BUILT,
                cache().getOrBuild(sm90, new CountingBuilder(), LookupPolicy.buildIfMissing()).source());
        assertEquals(List.of(EntryStatus.COMPLETE, EntryStatus.COMPLETE), statuses(cache().list()));
    }

    @Test
    void failedOrEmptyBuildsLeaveNothingBehind() {
        EngineKey key = TestEngines.key();
        EngineCacheException failed = assertThrows(EngineCacheException.class, () -> cache().getOrBuild(key,
                (k, plan) -> {
                    Files.write(plan, new byte[100]);
                    throw new IllegalStateException("out of GPU memory");
                }, LookupPolicy.buildIfMissing()));
        assertEquals(Reason.BUILD_FAILED, failed.reason());
        assertTrue(failed.getMessage().contains("out of GPU memory"), failed.getMessage());
        assertTrue(failed.getMessage().contains("embed.jar build"), failed.getMessage());

        EngineCacheException empty = assertThrows(EngineCacheException.class,
                () -> cache().getOrBuild(key, (k, plan) -> TestEngines.BUILD_INFO, LookupPolicy.buildIfMissing()));
        assertEquals(Reason.BUILD_FAILED, empty.reason());
        assertEquals(List.of(key.fileStem() + ".lock"), fileNames());
    }

    @Test
    void threadsAskingForTheSameEngineBuildItOnce() throws Exception {
        EngineKey key = TestEngines.key();
        CountingBuilder inner = new CountingBuilder();
        EngineBuilder slow = (k, plan) -> {
            Thread.sleep(300);
            return inner.build(k, plan);
        };
        EngineCache cache = cache();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<CachedEngine>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> cache.getOrBuild(key, slow, LookupPolicy.buildIfMissing())));
            }
            List<EngineSource> sources = new ArrayList<>();
            for (Future<CachedEngine> result : results) {
                sources.add(result.get(30, TimeUnit.SECONDS).source());
            }
            assertEquals(1, inner.builds());
            assertEquals(1, sources.stream().filter(s -> s == EngineSource.BUILT).count(), sources.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the block's duration, never read
    void waitingForALockHeldTooLongTimesOutWithTheFix() throws Exception {
        EngineKey key = TestEngines.key();
        EngineCache impatient = EngineCache.builder(dir).lockTimeout(Duration.ofMillis(300)).build();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Files.createDirectories(dir);
        Thread holder = new Thread(() -> {
            try (KeyLock lock = KeyLock.acquire(paths(key).lock(), Duration.ofSeconds(5), "holder")) {
                held.countDown();
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        holder.start();
        try {
            assertTrue(held.await(10, TimeUnit.SECONDS));
            EngineCacheException e = assertThrows(EngineCacheException.class,
                    () -> impatient.getOrBuild(key, new CountingBuilder(), LookupPolicy.buildIfMissing()));
            assertEquals(Reason.LOCK_TIMEOUT, e.reason());
            assertTrue(e.getMessage().contains("lockTimeout"), e.getMessage());
        } finally {
            done.countDown();
            holder.join();
        }
        assertEquals(EngineSource.BUILT,
                impatient.getOrBuild(key, new CountingBuilder(), LookupPolicy.buildIfMissing()).source());
    }

    @Test
    void uploadWithoutBucketIsAWarningNotAFailure() {
        CachedEngine engine = cache().getOrBuild(TestEngines.key(), new CountingBuilder(),
                LookupPolicy.buildAndUpload());
        assertEquals(EngineSource.BUILT, engine.source());
        assertEquals(UploadOutcome.NOT_REQUESTED, engine.upload().outcome());
        assertTrue(engine.warnings().getFirst().contains("tensorrt.engine_s3_bucket"), engine.warnings().toString());
    }

    @Test
    void listAndVerifyReportEveryKindOfDamage() throws IOException {
        EngineKey good = TestEngines.key();
        EngineKey tampered = TestEngines.key(8, 9, "10.16.0");
        EngineKey incomplete = TestEngines.key(7, 5, "10.16.0");
        EngineKey unreadable = TestEngines.key(8, 0, "10.16.0");
        EngineKey misnamed = TestEngines.key(8, 6, "10.16.0");
        for (EngineKey key : List.of(good, tampered, incomplete, unreadable)) {
            cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.buildIfMissing());
        }
        byte[] bytes = Files.readAllBytes(paths(tampered).plan());
        bytes[0] ^= 0x7f;
        Files.write(paths(tampered).plan(), bytes);
        Files.delete(paths(incomplete).sidecar());
        Files.writeString(paths(unreadable).sidecar(), "not json: [");
        Files.copy(paths(good).plan(), paths(misnamed).plan());
        Files.copy(paths(good).sidecar(), paths(misnamed).sidecar());

        Map<String, EntryStatus> listed = new LinkedHashMap<>();
        cache().list().forEach(entry -> listed.put(entry.stem(), entry.status()));
        assertEquals(EntryStatus.COMPLETE, listed.get(good.fileStem()));
        assertEquals(EntryStatus.COMPLETE, listed.get(tampered.fileStem()), "a listing checks sizes, not hashes");
        assertEquals(EntryStatus.INCOMPLETE, listed.get(incomplete.fileStem()));
        assertEquals(EntryStatus.SIDECAR_INVALID, listed.get(unreadable.fileStem()));
        assertEquals(EntryStatus.MISNAMED, listed.get(misnamed.fileStem()));

        Map<String, CacheEntry> verified = new LinkedHashMap<>();
        cache().verify().forEach(entry -> verified.put(entry.stem(), entry));
        assertEquals(5, verified.size());
        assertEquals(EntryStatus.PLAN_CORRUPT, verified.get(tampered.fileStem()).status());
        assertTrue(verified.get(tampered.fileStem()).problem().startsWith("plan sha256 is "));
        assertEquals(EntryStatus.COMPLETE, verified.get(good.fileStem()).status());
        assertEquals("", verified.get(good.fileStem()).problem());

        Map<String, Object> json = Json.parseObject(Json.write(verified.get(good.fileStem()).toMap()), "entry");
        assertEquals("complete", json.get("status"));
        assertEquals(TestEngines.MODEL_SHA256, ((Map<?, ?>) json.get("sidecar")).get("model_sha256"));
    }

    @Test
    void pruneRemovesDamagedEntriesAndOldTempFilesButNotLockFiles() throws IOException {
        EngineKey good = TestEngines.key();
        EngineKey incomplete = TestEngines.key(7, 5, "10.16.0");
        cache().getOrBuild(good, new CountingBuilder(), LookupPolicy.buildIfMissing());
        cache().getOrBuild(incomplete, new CountingBuilder(), LookupPolicy.buildIfMissing());
        Files.delete(paths(incomplete).sidecar());
        Path oldTemp = paths(good).newPlanTemp();
        Files.setLastModifiedTime(oldTemp, FileTime.from(NOW.minus(Duration.ofHours(2))));
        Path freshTemp = paths(good).newSidecarTemp();
        Files.setLastModifiedTime(freshTemp, FileTime.from(NOW.minus(Duration.ofMinutes(5))));

        List<Path> foreign = List.of(dir.resolve("README.json"), dir.resolve("model.plan"), dir.resolve("x.plan.1.tmp"));
        for (Path file : foreign) {
            Files.writeString(file, "not the cache's");
            Files.setLastModifiedTime(file, FileTime.from(NOW.minus(Duration.ofDays(9))));
        }

        PruneReport dryRun = cache().prune(PrunePolicy.defaults().asDryRun());
        assertEquals(List.of(oldTemp, paths(incomplete).plan()), removedFiles(dryRun));
        assertTrue(Files.exists(oldTemp) && Files.exists(paths(incomplete).plan()), "a dry run removes nothing");

        PruneReport report = cache().prune(PrunePolicy.defaults());
        assertEquals(List.of(oldTemp, paths(incomplete).plan()), removedFiles(report));
        assertEquals(4096, report.bytesFreed(), "the incomplete plan; the stale temp file is empty");
        assertTrue(Files.exists(freshTemp), "temp files inside the grace period may belong to a running write");
        assertEquals(List.of(EntryStatus.COMPLETE), statuses(cache().verify()));
        assertTrue(Files.exists(paths(good).lock()) && Files.exists(paths(incomplete).lock()));
        assertTrue(foreign.stream().allMatch(Files::exists), "files the cache did not write are left alone");
    }

    @Test
    void symbolicLinksInTheCacheAreNeverFollowed() throws IOException {
        EngineKey linked = TestEngines.key();
        EngineKey locked = TestEngines.key(7, 5, "10.16.0");
        Path outside = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-outside"));
        Path secret = Files.writeString(outside.resolve("passwd"), "root:x:0:0");
        cache().getOrBuild(linked, new CountingBuilder(), LookupPolicy.buildIfMissing());
        Files.delete(paths(linked).plan());
        Files.createSymbolicLink(paths(linked).plan(), secret);

        CacheEntry listed = cache().list().getFirst();
        assertEquals(EntryStatus.LINKED, listed.status());
        assertTrue(listed.problem().contains("is a symbolic link (to " + secret + ")"), listed.problem());

        CountingBuilder builder = new CountingBuilder();
        CachedEngine rebuilt = cache().getOrBuild(linked, builder, LookupPolicy.buildIfMissing());
        assertEquals(1, builder.builds(), "a linked plan is never handed out: the engine is built again");
        assertTrue(Files.isRegularFile(rebuilt.plan(), LinkOption.NOFOLLOW_LINKS));
        assertEquals("root:x:0:0", Files.readString(secret), "the link's target is untouched");

        Path planted = outside.resolve("created-through-the-lock");
        Files.createSymbolicLink(paths(locked).lock(), planted);
        EngineCacheException refused = assertThrows(EngineCacheException.class,
                () -> cache().getOrBuild(locked, new CountingBuilder(), LookupPolicy.buildIfMissing()));
        assertTrue(refused.getMessage().contains("is a symbolic link"), refused.getMessage());
        Files.createSymbolicLink(paths(locked).plan(), secret);
        assertThrows(EngineCacheException.class, () -> cache().prune(PrunePolicy.defaults()));
        assertTrue(Files.notExists(planted, LinkOption.NOFOLLOW_LINKS), "nothing is created through a linked lock");
        assertEquals("root:x:0:0", Files.readString(secret));
    }

    @Test
    void pruneCanDropOtherTargetsAndOldEntries() {
        EngineKey current = TestEngines.key();
        EngineKey otherGpu = TestEngines.key(8, 6, "10.16.0");
        EngineKey otherTensorRt = TestEngines.key(9, 0, "10.3.0");
        for (EngineKey key : List.of(current, otherGpu, otherTensorRt)) {
            cache().getOrBuild(key, new CountingBuilder(), LookupPolicy.buildIfMissing());
        }
        PruneReport byTarget = cache().prune(PrunePolicy.defaults().keepingOnly(current.target()));
        assertEquals(List.of(paths(otherTensorRt).sidecar(), paths(otherTensorRt).plan(), paths(otherGpu).sidecar(),
                paths(otherGpu).plan()).stream().sorted().toList(), removedFiles(byTarget).stream().sorted().toList());
        assertTrue(byTarget.removed().stream().anyMatch(f -> f.reason().equals(
                "built for sm86 NVIDIA H100 80GB HBM3 / TensorRT 10.16.0, this machine is sm90 NVIDIA H100 80GB HBM3"
                        + " / TensorRT 10.16.0")), byTarget.toString());

        assertEquals(List.of(), cacheAt(NOW.plus(Duration.ofDays(29))).prune(PrunePolicy.defaults()
                .withMaxAge(Duration.ofDays(30))).removed());
        PruneReport byAge = cacheAt(NOW.plus(Duration.ofDays(31))).prune(PrunePolicy.defaults()
                .withMaxAge(Duration.ofDays(30)));
        assertEquals(List.of(paths(current).sidecar(), paths(current).plan()), removedFiles(byAge));
        assertEquals(List.of(), cache().list());
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the block's duration, never read
    void pruneSkipsEntriesLockedByARunningBuild() throws Exception {
        EngineKey key = TestEngines.key();
        Files.write(paths(key).plan(), new byte[10]);
        try (KeyLock lock = KeyLock.acquire(paths(key).lock(), Duration.ofSeconds(5), "test")) {
            Thread prune = new Thread(() -> {
                PruneReport report = cache().prune(PrunePolicy.defaults());
                assertEquals(List.of(), report.removed());
                assertEquals(List.of(key.fileStem() + ": in use by a running build or download"), report.skipped());
            });
            List<Throwable> failures = new ArrayList<>();
            prune.setUncaughtExceptionHandler((t, e) -> failures.add(e));
            prune.start();
            prune.join();
            assertEquals(List.of(), failures);
        }
        assertEquals(List.of(paths(key).plan()), removedFiles(cache().prune(PrunePolicy.defaults())));
    }

    private void editSidecar(EngineKey key, String field, String value) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>(Json.parseObject(Files.readString(paths(key).sidecar()),
                "sidecar"));
        json.put(field, value);
        Files.writeString(paths(key).sidecar(), Json.write(json));
    }

    private List<String> fileNames() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<EntryStatus> statuses(List<CacheEntry> entries) {
        return entries.stream().map(CacheEntry::status).toList();
    }

    private static List<Path> removedFiles(PruneReport report) {
        return report.removed().stream().map(PrunedFile::file).toList();
    }
}

package dev.faceembed.cache;

import dev.faceembed.cache.EngineCacheException.Reason;
import dev.faceembed.cache.TestEngines.CountingBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache across real processes: this JVM and a child JVM started from the test classpath. */
class EngineCacheProcessTest {
    private static final Duration STEP = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void twoProcessesAskingForTheSameMissingEngineBuildItOnce() throws Exception {
        Path counter = dir.resolve("builds.txt");
        Path cacheDir = dir.resolve("engines");
        EngineKey key = TestEngines.key();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (EngineCache cache = EngineCache.builder(cacheDir).build()) {
            Future<CachedEngine> ours = pool.submit(() -> cache.getOrBuild(key, (k, plan) -> {
                TestEngines.countBuild(counter);
                building.countDown();
                // Hold the build open until the other process is seen waiting for it.
                assertTrue(release.await(STEP.toSeconds(), TimeUnit.SECONDS));
                Files.write(plan, CacheChild.PLAN);
                return TestEngines.BUILD_INFO;
            }, LookupPolicy.buildIfMissing()));
            assertTrue(building.await(STEP.toSeconds(), TimeUnit.SECONDS));

            try (ChildJvm child = ChildJvm.start(CacheChild.class, "lookup", cacheDir.toString(), counter.toString(),
                    String.valueOf(STEP.toMillis()))) {
                child.awaitLine(line -> line.contains("Waiting for engine " + key.fileStem()), STEP);
                release.countDown();
                CachedEngine built = ours.get(STEP.toSeconds(), TimeUnit.SECONDS);
                String result = child.awaitLine(line -> line.startsWith("RESULT") || line.startsWith("FAILED"), STEP);
                assertEquals(0, child.waitFor(STEP), child.output());

                assertEquals(EngineSource.BUILT, built.source());
                assertEquals("RESULT LOCAL " + built.sidecar().planSha256(), result);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, Files.readAllLines(counter).size(), "builds counted: " + Files.readAllLines(counter));
    }

    @Test
    @SuppressWarnings("try") // the lock is held for the block's duration, never read
    void aProcessWaitingLongerThanItsTimeoutGivesUpAndSaysWhy() throws Exception {
        Path counter = dir.resolve("builds.txt");
        EntryPaths paths = new EntryPaths(dir, TestEngines.key().fileStem());
        try (KeyLock held = KeyLock.acquire(paths.lock(), Duration.ofSeconds(5), "test");
             ChildJvm child = ChildJvm.start(CacheChild.class, "lookup", dir.toString(), counter.toString(), "1000")) {
            String result = child.awaitLine(line -> line.startsWith("RESULT") || line.startsWith("FAILED"), STEP);
            assertEquals(CacheChild.FAILED_EXIT, child.waitFor(STEP));
            assertTrue(result.startsWith("FAILED LOCK_TIMEOUT Timed out after PT1S waiting for the lock on "
                    + paths.lock()), result);
            assertTrue(child.output().contains("Waiting for engine " + paths.stem()), child.output());
        }
        assertTrue(Files.notExists(counter), "the waiting process must not build");
    }

    @ParameterizedTest(name = "killed {0}")
    @ValueSource(strings = {"crash-during-build", "crash-after-plan", "crash-after-sidecar-temp"})
    void aKilledWriterLeavesNoUsableEntryAndTheNextLookupRebuilds(String crashPoint) throws Exception {
        EngineKey key = TestEngines.key();
        EntryPaths paths = new EntryPaths(dir, key.fileStem());
        try (ChildJvm child = ChildJvm.start(CacheChild.class, crashPoint, dir.toString())) {
            child.awaitLine("READY"::equals, STEP);
            child.kill();
        }
        boolean planPublished = !crashPoint.equals("crash-during-build");
        assertEquals(planPublished, Files.exists(paths.plan()));
        assertTrue(Files.notExists(paths.sidecar()));
        assertEquals(crashPoint.equals("crash-after-plan") ? 0 : 1, tempFiles().size(), "temp files: " + tempFiles());

        try (EngineCache cache = EngineCache.builder(dir).lockTimeout(Duration.ofSeconds(5)).build()) {
            assertEquals(planPublished ? List.of(EntryStatus.INCOMPLETE) : List.of(),
                    cache.verify().stream().map(CacheEntry::status).toList());
            EngineCacheException e = assertThrows(EngineCacheException.class,
                    () -> cache.getOrBuild(key, new CountingBuilder(), LookupPolicy.cacheOnly()));
            assertEquals(Reason.NOT_CACHED, e.reason());

            // The dead writer's OS lock died with it, so nothing waits here.
            CountingBuilder builder = new CountingBuilder();
            CachedEngine rebuilt = cache.getOrBuild(key, builder, LookupPolicy.buildIfMissing());
            assertEquals(EngineSource.BUILT, rebuilt.source());
            assertEquals(1, builder.builds());
            assertEquals(List.of(EntryStatus.COMPLETE), cache.verify().stream().map(CacheEntry::status).toList());

            PruneReport report = cache.prune(PrunePolicy.defaults().withTempGrace(Duration.ZERO));
            assertEquals(tempFiles(), List.of());
            assertEquals(crashPoint.equals("crash-after-plan") ? 0 : 1, report.removed().size(), report.toString());
            assertEquals(EngineSource.LOCAL,
                    cache.getOrBuild(key, builder, LookupPolicy.cacheOnly()).source());
        }
    }

    @Test
    void pruneRemovesWhatAKilledWriterLeft() throws Exception {
        EntryPaths paths = new EntryPaths(dir, TestEngines.key().fileStem());
        try (ChildJvm child = ChildJvm.start(CacheChild.class, "crash-after-sidecar-temp", dir.toString())) {
            child.awaitLine("READY"::equals, STEP);
            child.kill();
        }
        try (EngineCache cache = EngineCache.builder(dir).build()) {
            PruneReport report = cache.prune(PrunePolicy.defaults().withTempGrace(Duration.ZERO));
            assertEquals(2, report.removed().size(), report.toString());
            assertEquals(List.of(paths.lock()), allFiles());
            assertEquals(List.of(), cache.list());
        }
    }

    private List<Path> tempFiles() throws IOException {
        return allFiles().stream().filter(path -> path.getFileName().toString().endsWith(".tmp")).toList();
    }

    private List<Path> allFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }
}

package dev.faceembed.cache;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The second process of the multi-process tests. Modes:
 * <ul>
 *   <li>{@code lookup DIR COUNTER LOCK_TIMEOUT_MS}: getOrBuild of {@link TestEngines#key()}, counting a build in
 *       COUNTER; prints {@code RESULT <source> <plan sha256>} or {@code FAILED <reason>}.</li>
 *   <li>{@code crash-during-build DIR}, {@code crash-after-plan DIR}, {@code crash-after-sidecar-temp DIR}: write the
 *       entry up to that point, print {@code READY}, and wait to be killed.</li>
 * </ul>
 */
public final class CacheChild {
    static final int FAILED_EXIT = 3;
    static final byte[] PLAN = TestEngines.planBytes(256 * 1024, 7);

    private CacheChild() {
    }

    @SuppressWarnings("try") // the locks are held until the process is killed, never read
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        EntryPaths paths = new EntryPaths(dir, TestEngines.key().fileStem());
        switch (args[0]) {
            case "lookup" -> lookup(dir, Path.of(args[2]), Duration.ofMillis(Long.parseLong(args[3])));
            case "crash-during-build" -> EngineCache.builder(dir).build().getOrBuild(TestEngines.key(),
                    (key, planFile) -> {
                        Files.write(planFile, Arrays.copyOf(PLAN, PLAN.length / 2));
                        readyAndWait();
                        return TestEngines.BUILD_INFO;
                    }, LookupPolicy.buildIfMissing());
            case "crash-after-plan" -> {
                Files.createDirectories(dir);
                try (KeyLock lock = KeyLock.acquire(paths.lock(), Duration.ofSeconds(10), paths.stem())) {
                    EntryWriter.replacePlan(paths, writtenPlanTemp(paths));
                    readyAndWait();
                }
            }
            case "crash-after-sidecar-temp" -> {
                Files.createDirectories(dir);
                try (KeyLock lock = KeyLock.acquire(paths.lock(), Duration.ofSeconds(10), paths.stem())) {
                    EntryWriter.replacePlan(paths, writtenPlanTemp(paths));
                    EntryWriter.writeSidecarTemp(paths, new EngineSidecar(TestEngines.key(), Sha256.ofFile(
                            paths.plan()), PLAN.length, "13.0", Instant.now(), 1, "child", "test"));
                    readyAndWait();
                }
            }
            default -> throw new IllegalArgumentException("unknown mode " + args[0]);
        }
    }

    private static void lookup(Path dir, Path counter, Duration lockTimeout) {
        try (EngineCache cache = EngineCache.builder(dir).lockTimeout(lockTimeout).build()) {
            CachedEngine engine = cache.getOrBuild(TestEngines.key(), (key, planFile) -> {
                TestEngines.countBuild(counter);
                Files.write(planFile, PLAN);
                return TestEngines.BUILD_INFO;
            }, LookupPolicy.buildIfMissing());
            System.out.println("RESULT " + engine.source() + " " + engine.sidecar().planSha256());
        } catch (EngineCacheException e) {
            System.out.println("FAILED " + e.reason() + " " + e.getMessage().replace('\n', ' '));
            System.exit(FAILED_EXIT);
        }
    }

    private static Path writtenPlanTemp(EntryPaths paths) throws IOException {
        Path temp = paths.newPlanTemp();
        Files.write(temp, PLAN);
        return temp;
    }

    private static void readyAndWait() throws InterruptedException {
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
    }
}

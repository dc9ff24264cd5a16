package dev.faceembed.cache;

import dev.faceembed.cache.EngineCacheException.Reason;
import dev.faceembed.files.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The TensorRT engine cache: a local directory of plans with JSON sidecars, optionally backed by an S3 bucket with the
 * same layout. {@link #getOrBuild} looks locally, then in S3, then builds; every plan it hands out has been checked
 * against the key (GPU architecture, TensorRT version, model, settings) and its sha256 against the sidecar. Writes
 * are atomic, and processes that want the same missing engine build it once: the others wait on the entry's lock and
 * then load the result.
 *
 * <p>Thread-safe. Closing the cache closes its {@link S3EngineStore}.
 */
public final class EngineCache implements AutoCloseable {
    /** Long enough for a large TensorRT build, short enough that a hung builder is eventually reported. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(EngineCache.class);
    private static final int MAX_NEAR_MISSES = 5;

    private final Path directory;
    private final S3EngineStore s3;
    private final Duration lockTimeout;
    private final Clock clock;
    private final String host;
    private final String producerVersion;

    private EngineCache(Builder builder) {
        this.directory = builder.directory.toAbsolutePath().normalize();
        this.s3 = builder.s3;
        this.lockTimeout = builder.lockTimeout;
        this.clock = builder.clock;
        this.host = builder.host != null ? builder.host : localHostName();
        this.producerVersion = builder.producerVersion;
    }

    /**
     * A cache in {@code directory} (created on first write), with no S3 bucket unless the builder adds one.
     *
     * @param directory the local folder
     * @return a builder of the cache
     */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * The local folder.
     *
     * @return where plans and sidecars are kept
     */
    public Path directory() {
        return directory;
    }

    /**
     * The bucket behind the local folder.
     *
     * @return the S3 store, or empty when there is none
     */
    public Optional<S3EngineStore> s3() {
        return Optional.ofNullable(s3);
    }

    /**
     * A valid plan for {@code key}: from the local cache, else downloaded from S3 (if configured), else built (if the
     * policy allows). S3 failures never stop the lookup: they are logged and returned as warnings.
     *
     * @param key     the engine
     * @param builder builds it when the policy allows and no copy is found
     * @param policy  whether a missing engine may be built, and whether a built one is uploaded
     * @return the plan, its sidecar and where it came from
     * @throws EngineCacheException when no valid plan can be had; the message lists what was found where, and ends
     *                              with the command that builds the engine
     */
    public CachedEngine getOrBuild(EngineKey key, EngineBuilder builder, LookupPolicy policy) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(builder, "builder");
        Objects.requireNonNull(policy, "policy");
        EntryPaths paths = new EntryPaths(directory, key.fileStem());
        List<String> warnings = new ArrayList<>();
        Optional<CacheEntry> local = inspect(paths);
        if (isUsable(local, key)) {
            return localHit(paths, local.get(), warnings);
        }
        createDirectory();
        CachedEngine found;
        KeyLock lock = KeyLock.acquire(paths.lock(), lockTimeout, paths.stem());
        try {
            // Whoever held the lock before us may have just published this entry.
            local = inspect(paths);
            if (isUsable(local, key)) {
                return localHit(paths, local.get(), warnings);
            }
            local.ifPresent(entry -> LOG.warn("Engine cache entry {} is not usable: {}", paths.stem(),
                    describeLocal(key, entry)));
            RemoteLookup remote = s3 == null || !policy.download() ? RemoteLookup.NOT_CONFIGURED
                    : download(paths, key, warnings);
            if (remote.engine() != null) {
                return remote.engine();
            }
            if (!policy.allowBuild()) {
                throw unusable(key, local, remote);
            }
            found = build(paths, key, builder, warnings);
        } finally {
            lock.close();
        }
        if (!policy.upload()) {
            return found;
        }
        UploadResult result = uploadAfterBuild(found, warnings);
        return found.withUpload(result, warnings);
    }

    /**
     * Removes the local entry of {@code key} (sidecar first, then plan), under its lock: for an engine that passed
     * the cache's checks but that TensorRT refused to load. The S3 copy, if any, is left alone.
     *
     * @param key    the engine
     * @param reason why, for the log
     * @return whether there was an entry to remove
     */
    public boolean evict(EngineKey key, String reason) {
        EntryPaths paths = new EntryPaths(directory, key.fileStem());
        if (!Files.exists(paths.plan()) && !Files.exists(paths.sidecar())) {
            return false;
        }
        KeyLock lock = KeyLock.acquire(paths.lock(), lockTimeout, paths.stem());
        try {
            boolean sidecar = AtomicFile.deleteDurably(paths.sidecar());
            boolean plan = AtomicFile.deleteDurably(paths.plan());
            LOG.warn("Engine {} removed from the local cache: {}", paths.stem(), reason);
            return sidecar || plan;
        } catch (IOException e) {
            throw storageFailure("remove " + paths.plan(), e);
        } finally {
            lock.close();
        }
    }

    /**
     * Uploads a cache entry to the configured bucket (plan first, sidecar last, both conditional on the key being
     * absent there).
     *
     * @param engine an entry of this cache
     * @return whether it was uploaded or was already there
     * @throws EngineCacheException if no bucket is configured, the local plan no longer matches its sidecar, or S3
     *                              fails after its retries
     */
    public UploadResult upload(CachedEngine engine) {
        if (s3 == null) {
            throw new EngineCacheException(Reason.CONFIGURATION, "No S3 bucket is configured for the engine cache."
                    + " Fix: set tensorrt.engine_s3_bucket (FACEEMBED_TENSORRT_ENGINE_S3_BUCKET)");
        }
        return s3.upload(engine.plan(), engine.sidecar());
    }

    /**
     * Every entry in the directory with its sidecar, checked by size only (fast).
     *
     * @return the entries, usable or not
     */
    public List<CacheEntry> list() {
        return entries(false);
    }

    /**
     * Every entry in the directory, with each plan's sha256 checked against its sidecar.
     *
     * @return the entries, usable or not
     */
    public List<CacheEntry> verify() {
        return entries(true);
    }

    /**
     * Removes what {@code policy} says: corrupt and incomplete entries, stale temporary files and, optionally, entries
     * for another GPU/TensorRT or older than a limit. Lock files stay: deleting one that a process waits on would let a
     * third process lock a new file of the same name and build concurrently.
     *
     * @param policy what to remove, and whether only to report it
     * @return what was (or would be) removed
     */
    public PruneReport prune(PrunePolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (!Files.isDirectory(directory)) {
            return new PruneReport(List.of(), List.of(), policy.dryRun());
        }
        List<PrunedFile> removed = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try {
            Instant now = clock.instant();
            for (Path temp : files(EntryPaths::isTemp)) {
                Duration age = Duration.between(Files.getLastModifiedTime(temp).toInstant(), now);
                if (age.compareTo(policy.tempGrace()) >= 0) {
                    String stem = EntryPaths.stemOf(temp.getFileName().toString()).orElseThrow();
                    removeUnderLock(new EntryPaths(directory, stem), List.of(temp),
                            "temporary file left by an interrupted write, " + age.toMinutes() + " min old",
                            policy.dryRun(), removed, skipped);
                }
            }
            for (CacheEntry entry : verify()) {
                String reason = removalReason(entry, policy, now);
                if (reason != null) {
                    EntryPaths paths = new EntryPaths(directory, entry.stem());
                    // Sidecar first: should the plan's delete fail, what is left is an incomplete entry.
                    removeUnderLock(paths, List.of(paths.sidecar(), paths.plan()), reason, policy.dryRun(),
                            removed, skipped, () -> removalReasonNow(paths, policy, now));
                }
            }
        } catch (IOException e) {
            throw storageFailure("prune " + directory, e);
        }
        return new PruneReport(removed, skipped, policy.dryRun());
    }

    /** Closes the S3 store, if any. */
    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
    }

    private boolean isUsable(Optional<CacheEntry> entry, EngineKey key) {
        return entry.isPresent() && entry.get().status().usable()
                && key.differencesFrom(entry.get().sidecar().orElseThrow().key()).isEmpty();
    }

    private CachedEngine localHit(EntryPaths paths, CacheEntry entry, List<String> warnings) {
        LOG.debug("Engine {} found in {}", paths.stem(), directory);
        return new CachedEngine(paths.plan(), entry.sidecar().orElseThrow(), EngineSource.LOCAL,
                UploadResult.NOT_REQUESTED, warnings);
    }

    private Optional<CacheEntry> inspect(EntryPaths paths) {
        try {
            return EntryInspector.inspect(paths, true);
        } catch (IOException e) {
            throw storageFailure("read " + paths.plan(), e);
        }
    }

    private RemoteLookup download(EntryPaths paths, EngineKey key, List<String> warnings) {
        Path temp = null;
        try {
            temp = paths.newPlanTemp();
            Optional<EngineSidecar> sidecar = s3.download(key, temp);
            if (sidecar.isEmpty()) {
                return new RemoteLookup(null, "not in " + s3.location(), null);
            }
            EntryWriter.publish(paths, temp, sidecar.get());
            LOG.info("Engine {} downloaded from {} and verified", paths.stem(), s3.location());
            return new RemoteLookup(new CachedEngine(paths.plan(), sidecar.get(), EngineSource.S3,
                    UploadResult.NOT_REQUESTED, warnings), null, null);
        } catch (EngineCacheException e) {
            String warning = "S3 lookup of engine " + paths.stem() + " failed, continuing without it: "
                    + e.getMessage();
            LOG.warn(warning);
            warnings.add(warning);
            return new RemoteLookup(null, e.getMessage(), e.reason());
        } catch (IOException e) {
            throw storageFailure("write the download of " + paths.plan(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private CachedEngine build(EntryPaths paths, EngineKey key, EngineBuilder builder, List<String> warnings) {
        Path temp = null;
        try {
            temp = paths.newPlanTemp();
            LOG.info("Building engine {} ({})", paths.stem(), key.target());
            long started = System.nanoTime();
            BuildInfo info = runBuilder(key, builder, temp);
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            long size = Files.size(temp);
            if (size == 0) {
                throw new EngineCacheException(Reason.BUILD_FAILED, "The engine builder for " + paths.stem()
                        + " returned without writing a plan. " + BuildCommand.fixFor(key, directory));
            }
            EngineSidecar sidecar = new EngineSidecar(key, Sha256.ofFile(temp), size, info.cudaVersion(),
                    clock.instant(), millis, host, producerVersion);
            EntryWriter.publish(paths, temp, sidecar);
            LOG.info("Engine {} built in {} ms ({} bytes)", paths.stem(), millis, size);
            return new CachedEngine(paths.plan(), sidecar, EngineSource.BUILT, UploadResult.NOT_REQUESTED,
                    warnings);
        } catch (IOException e) {
            throw storageFailure("write " + paths.plan(), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    private BuildInfo runBuilder(EngineKey key, EngineBuilder builder, Path temp) {
        BuildInfo info;
        try {
            info = builder.build(key, temp);
        } catch (EngineCacheException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineCacheException(Reason.INTERRUPTED, "Interrupted while building engine "
                    + key.fileStem(), e);
        } catch (Exception e) {
            throw new EngineCacheException(Reason.BUILD_FAILED, "Building engine " + key.fileStem() + " failed: "
                    + e.getMessage() + ". " + BuildCommand.fixFor(key, directory), e);
        }
        if (info == null) {
            throw new EngineCacheException(Reason.BUILD_FAILED, "The engine builder for " + key.fileStem()
                    + " returned no BuildInfo");
        }
        return info;
    }

    private UploadResult uploadAfterBuild(CachedEngine engine, List<String> warnings) {
        if (s3 == null) {
            String warning = "Upload of engine " + engine.sidecar().key().fileStem() + " requested, but no S3 bucket"
                    + " is configured. Fix: set tensorrt.engine_s3_bucket (FACEEMBED_TENSORRT_ENGINE_S3_BUCKET)";
            LOG.warn(warning);
            warnings.add(warning);
            return new UploadResult(UploadOutcome.NOT_REQUESTED, warning);
        }
        try {
            UploadResult result = s3.upload(engine.plan(), engine.sidecar());
            if (result.outcome() == UploadOutcome.CONFLICT) {
                LOG.warn(result.detail());
                warnings.add(result.detail());
            } else {
                LOG.info(result.detail());
            }
            return result;
        } catch (EngineCacheException e) {
            String warning = "Upload of engine " + engine.sidecar().key().fileStem() + " failed; the local entry is"
                    + " fine: " + e.getMessage();
            LOG.warn(warning);
            warnings.add(warning);
            return new UploadResult(UploadOutcome.FAILED, warning);
        }
    }

    private EngineCacheException unusable(EngineKey key, Optional<CacheEntry> local, RemoteLookup remote) {
        StringBuilder message = new StringBuilder("No usable TensorRT engine ").append(key.fileStem())
                .append(" (model ").append(key.modelName()).append(", ").append(key.precision().id())
                .append(", batch profiles ").append(key.profiles()).append(", ").append(key.target())
                .append(") and building is not allowed:");
        message.append("\n  - local cache ").append(directory).append(": ")
                .append(local.map(entry -> describeLocal(key, entry)).orElse("not there"));
        if (remote.problem() != null) {
            message.append("\n  - S3: ").append(remote.problem());
        }
        List<String> nearMisses = local.isEmpty() ? nearMisses(key) : List.of();
        if (!nearMisses.isEmpty()) {
            message.append("\n  - other engines of this model in the local cache cannot serve this request:");
            nearMisses.forEach(line -> message.append("\n      ").append(line));
        }
        message.append("\n").append(BuildCommand.fixFor(key, directory));
        Reason reason = local.map(entry -> reasonFor(key, entry))
                .orElse(remote.reason() == Reason.CORRUPT || remote.reason() == Reason.MISMATCH ? remote.reason()
                        : nearMisses.isEmpty() ? Reason.NOT_CACHED : Reason.MISMATCH);
        return new EngineCacheException(reason, message.toString());
    }

    private static String describeLocal(EngineKey key, CacheEntry entry) {
        List<String> differences = entry.sidecar().map(s -> key.differencesFrom(s.key())).orElse(List.of());
        if (!differences.isEmpty()) {
            return "entry " + entry.plan().getFileName() + " was built for something else: "
                    + String.join("; ", differences);
        }
        return "entry " + entry.plan().getFileName() + ": " + entry.problem();
    }

    private static Reason reasonFor(EngineKey key, CacheEntry entry) {
        boolean differs = entry.sidecar().map(s -> !key.differencesFrom(s.key()).isEmpty()).orElse(false);
        if (differs) {
            return Reason.MISMATCH;
        }
        return switch (entry.status()) {
            case INCOMPLETE -> Reason.NOT_CACHED;
            case MISNAMED -> Reason.MISMATCH;
            case COMPLETE, SIDECAR_INVALID, PLAN_CORRUPT, LINKED -> Reason.CORRUPT;
        };
    }

    /** Entries of the same model built for something else, each with how it differs from {@code key}. */
    private List<String> nearMisses(EngineKey key) {
        List<String> out = new ArrayList<>();
        for (CacheEntry entry : entries(false)) {
            if (entry.sidecar().isEmpty() || !entry.status().usable()) {
                continue;
            }
            EngineKey other = entry.sidecar().get().key();
            if (other.modelSha256().equals(key.modelSha256()) && out.size() < MAX_NEAR_MISSES) {
                out.add(entry.plan().getFileName() + ": " + String.join("; ", key.differencesFrom(other)));
            }
        }
        return out;
    }

    private List<CacheEntry> entries(boolean hashPlans) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try {
            TreeSet<String> stems = new TreeSet<>();
            for (Path file : files(name -> !EntryPaths.isTemp(name))) {
                EntryPaths.stemOf(file.getFileName().toString()).ifPresent(stems::add);
            }
            List<CacheEntry> out = new ArrayList<>();
            for (String stem : stems) {
                EntryInspector.inspect(new EntryPaths(directory, stem), hashPlans).ifPresent(out::add);
            }
            return out;
        } catch (IOException e) {
            throw storageFailure("list " + directory, e);
        }
    }

    private List<Path> files(Predicate<String> nameFilter) throws IOException {
        try (Stream<Path> stream = Files.list(directory)) {
            return stream.filter(path -> nameFilter.test(path.getFileName().toString()))
                    .filter(path -> Files.isRegularFile(path) || Files.isSymbolicLink(path)).sorted().toList();
        }
    }

    private static String removalReason(CacheEntry entry, PrunePolicy policy, Instant now) {
        if (!entry.status().usable()) {
            return entry.problem();
        }
        EngineSidecar sidecar = entry.sidecar().orElseThrow();
        EngineTarget target = sidecar.key().target();
        if (policy.keepOnlyTarget().isPresent() && !target.runsOn(policy.keepOnlyTarget().get())) {
            return "built for " + target + ", this machine is " + policy.keepOnlyTarget().get();
        }
        if (policy.maxAge().isPresent() && sidecar.builtAt().isBefore(now.minus(policy.maxAge().get()))) {
            return "built " + sidecar.builtAt() + ", older than " + policy.maxAge().get().toDays() + " days";
        }
        return null;
    }

    private String removalReasonNow(EntryPaths paths, PrunePolicy policy, Instant now) throws IOException {
        Optional<CacheEntry> current = EntryInspector.inspect(paths, true);
        return current.isEmpty() ? null : removalReason(current.get(), policy, now);
    }

    /** Supplies the reason to remove an entry once its lock is held, or null if it no longer needs removing. */
    @FunctionalInterface
    private interface RecheckedReason {
        String get() throws IOException;
    }

    private void removeUnderLock(EntryPaths paths, List<Path> files, String reason, boolean dryRun,
                                 List<PrunedFile> removed, List<String> skipped) throws IOException {
        removeUnderLock(paths, files, reason, dryRun, removed, skipped, () -> reason);
    }

    private void removeUnderLock(EntryPaths paths, List<Path> files, String reason, boolean dryRun,
                                 List<PrunedFile> removed, List<String> skipped, RecheckedReason recheck)
            throws IOException {
        if (dryRun) {
            for (Path file : files) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    removed.add(new PrunedFile(file, sizeOf(file), reason));
                }
            }
            return;
        }
        Optional<KeyLock> lock = KeyLock.tryAcquire(paths.lock());
        if (lock.isEmpty()) {
            skipped.add(paths.stem() + ": in use by a running build or download");
            return;
        }
        try {
            // An entry that looked incomplete may have been mid-publish; decide again now that nobody can write it.
            String confirmed = recheck.get();
            if (confirmed == null) {
                return;
            }
            for (Path file : files) {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    long size = sizeOf(file);
                    if (AtomicFile.deleteDurably(file)) {
                        removed.add(new PrunedFile(file, size, confirmed));
                        LOG.info("Pruned {}: {}", file, confirmed);
                    }
                }
            }
        } finally {
            lock.get().close();
        }
    }

    /** The size of the file itself; a symbolic link's own size, never its target's. */
    private static long sizeOf(Path file) throws IOException {
        return Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).size();
    }

    private void createDirectory() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw storageFailure("create " + directory, e);
        }
    }

    private EngineCacheException storageFailure(String action, IOException e) {
        return new EngineCacheException(Reason.STORAGE, "Cannot " + action + ": " + e
                + ". Fix: free disk space or make the engine cache directory writable, or point "
                + "tensorrt.engine_cache_dir (FACEEMBED_TENSORRT_ENGINE_CACHE_DIR) at another directory", e);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Cannot delete temporary file {} ({}); `embed cache prune` removes it later", file,
                        e.toString());
            }
        }
    }

    private static String localHostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * The outcome of the S3 step of a lookup: the engine, or what went wrong ({@code problem}, with a
     * {@code reason} when S3 had an entry that could not be used).
     */
    private record RemoteLookup(CachedEngine engine, String problem, Reason reason) {
        static final RemoteLookup NOT_CONFIGURED = new RemoteLookup(null, null, null);
    }

    /** Settings of an {@link EngineCache}. */
    public static final class Builder {
        private final Path directory;
        private S3EngineStore s3;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private Clock clock = Clock.systemUTC();
        private String host;
        private String producerVersion = "unknown";

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /**
         * Adds an S3 bucket behind the local directory; the cache takes ownership and closes it.
         *
         * @param store the bucket
         * @return this builder
         */
        public Builder s3(S3EngineStore store) {
            this.s3 = store;
            return this;
        }

        /**
         * How long to wait for another process's build or download of the same engine.
         *
         * @param timeout the longest wait
         * @return this builder
         */
        public Builder lockTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("lock timeout must not be negative");
            }
            this.lockTimeout = timeout;
            return this;
        }

        /**
         * The clock for build timestamps and prune ages.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The host name recorded in sidecars; default: this machine's.
         *
         * @param host the name
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * The version of the program building engines, recorded in sidecars ({@code faceembed_version}).
         *
         * @param version the version
         * @return this builder
         */
        public Builder producerVersion(String version) {
            this.producerVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * The cache.
         *
         * @return a cache with these settings
         */
        public EngineCache build() {
            return new EngineCache(this);
        }
    }
}

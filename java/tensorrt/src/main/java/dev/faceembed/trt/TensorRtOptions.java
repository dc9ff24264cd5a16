package dev.faceembed.trt;

import dev.faceembed.cache.BatchProfile;
import dev.faceembed.cache.Precision;
import dev.faceembed.config.ConfigException;
import dev.faceembed.config.ConfigKey;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.config.ConfigValues;
import dev.faceembed.config.ValueType;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@code tensorrt} configuration section (with {@code embedding.tensorrt_config}, the file that holds it, and
 * {@code arcface_tensorrt.enabled}): how engines are built, how they run, where they are cached.
 *
 * @param engine          what decides the engine (and its cache key)
 * @param runners         how calls run on it
 * @param storage         where engines are cached
 * @param pluginLibraries TensorRT plugin libraries to load before models are parsed or engines loaded
 */
public record TensorRtOptions(Engine engine, Runners runners, Storage storage, List<Path> pluginLibraries) {

    /**
     * What decides the engine, and so its cache key.
     *
     * @param precision             fp16, fp32 or int8 (an explicitly quantised model)
     * @param tf32                  whether fp32 layers may compute in TF32
     * @param profiles              explicit optimisation profiles, or empty for one profile [min, opt, max]
     * @param optBatchSize          the batch the single profile is tuned for
     * @param maxBatchSize          the top of the single profile
     * @param workspaceSizeMb       builder workspace limit in MiB
     * @param optimizationLevel     builder optimisation level 0..5, or -1 for TensorRT's default
     * @param hardwareCompatible    one engine for every GPU of the architecture, instead of one per GPU model
     */
    public record Engine(Precision precision, boolean tf32, List<BatchProfile> profiles, int optBatchSize,
                         int maxBatchSize, int workspaceSizeMb, int optimizationLevel, boolean hardwareCompatible) {
        /** Checks that 1 &lt;= opt batch &lt;= max batch. */
        public Engine {
            Objects.requireNonNull(precision, "precision");
            profiles = List.copyOf(profiles);
            if (maxBatchSize < 1 || optBatchSize < 1 || optBatchSize > maxBatchSize) {
                throw new IllegalArgumentException("need 1 <= opt batch (" + optBatchSize + ") <= max batch ("
                        + maxBatchSize + ")");
            }
        }

        /**
         * The profiles to build: the explicit ones, else one from {@code minBatch} to the max batch.
         *
         * @param minBatch the bottom of the single profile
         * @return the profiles
         */
        public List<BatchProfile> profilesFrom(int minBatch) {
            return profiles.isEmpty() ? List.of(new BatchProfile(minBatch, optBatchSize, maxBatchSize)) : profiles;
        }

        /**
         * The largest batch an engine built with these settings takes.
         *
         * @return the top of the highest profile
         */
        public int largestBatch() {
            return profilesFrom(1).stream().mapToInt(BatchProfile::max).max().orElseThrow();
        }
    }

    /**
     * How calls run on the engine.
     *
     * @param count        runners (streams, device buffers, execution contexts) per backend: calls at once
     * @param streams      CUDA streams per runner; 2 or more overlap the copies and compute of a large call
     * @param cudaGraphs   replay each call's kernels from a captured CUDA graph
     * @param spinWait     wait for the GPU by spinning a CPU core instead of sleeping on an event
     * @param layerProfile where to write per-layer timings when the backend closes, or {@code null}
     */
    public record Runners(int count, int streams, boolean cudaGraphs, boolean spinWait, Path layerProfile) {
        /** Checks that there is at least one runner and one stream. */
        public Runners {
            if (count < 1 || streams < 1) {
                throw new IllegalArgumentException("runners and streams must be >= 1, got " + count + " and "
                        + streams);
            }
        }
    }

    /**
     * Where engines are cached.
     *
     * @param engineCacheDir   local engine cache folder, or {@code null} for the default
     * @param engineS3Bucket   S3 bucket for engines, or {@code null}
     * @param engineS3Prefix   key prefix in the bucket
     * @param engineS3Region   S3 region, or {@code null} for the SDK's default
     * @param engineS3Endpoint endpoint override for S3-compatible stores, or {@code null}
     * @param engineS3Upload   upload engines built here
     */
    public record Storage(Path engineCacheDir, String engineS3Bucket, String engineS3Prefix, String engineS3Region,
                          String engineS3Endpoint, boolean engineS3Upload) {
    }

    public static final ConfigKey<Path> CONFIG_FILE = ConfigKey.include("embedding.tensorrt_config",
            Path.of("arcface_tensorrt.yaml"), "The TensorRT settings (precision, batch sizes, workspace, engine"
                    + " cache).");
    public static final ConfigKey<Boolean> ENABLED = ConfigKey.of("arcface_tensorrt.enabled", ValueType.bool(), false,
            "Prefer the TensorRT backend for the ArcFace stage (same as embedding.backend: tensorrt).");
    public static final ConfigKey<String> PRECISION = ConfigKey.of("tensorrt.precision",
            ValueType.choice("fp16", "fp32", "int8"), "fp16",
            "fp16, fp32, or int8 for an explicitly quantised (QDQ) model.");
    public static final ConfigKey<Boolean> TF32 = ConfigKey.of("tensorrt.tf32", ValueType.bool(), false,
            "Let fp32 layers compute in TF32 on Ampere and newer GPUs (faster, 10-bit mantissa); false keeps fp32"
                    + " exact.");
    public static final ConfigKey<Integer> MAX_BATCH_SIZE = ConfigKey.of("tensorrt.max_batch_size",
            ValueType.integer(1, 4096), 32, "The top of the engine's optimisation profile over the batch dimension.");
    public static final ConfigKey<Integer> OPT_BATCH_SIZE = ConfigKey.of("tensorrt.opt_batch_size",
            ValueType.integer(1, 4096), 32, "The batch size TensorRT tunes the engine's kernels for (calls run in"
                    + " chunks of max_batch_size, so tune for that).");
    public static final ConfigKey<List<BatchProfile>> PROFILES = ConfigKey.of("tensorrt.profiles",
            ValueType.nullable(new BatchProfilesType()), null, "Several optimisation profiles, [[min, opt, max],"
                    + " ...]; each chunk of a call runs on the one that fits it best. null: one profile [1,"
                    + " opt_batch_size, max_batch_size].");
    public static final ConfigKey<Integer> WORKSPACE_SIZE_MB = ConfigKey.of("tensorrt.workspace_size_mb",
            ValueType.integer(16, 1 << 20), 1024, "Builder workspace limit in MiB.");
    public static final ConfigKey<Integer> OPTIMIZATION_LEVEL = ConfigKey.of("tensorrt.builder_optimization_level",
            ValueType.nullable(ValueType.integer(0, 5)), null, "TensorRT's builder optimisation level, 0 (fast"
                    + " builds) to 5 (most tactics tried); null: TensorRT's default.");
    public static final ConfigKey<String> HARDWARE_COMPATIBILITY = ConfigKey.of("tensorrt.hardware_compatibility",
            ValueType.choice("none", "same_compute_capability"), "none", "none: an engine for this GPU model (the"
                    + " cache key names it); same_compute_capability: one engine for every GPU of the architecture"
                    + " (TensorRT 10.9 and newer; may be slower).");
    public static final ConfigKey<Integer> RUNNERS = ConfigKey.of("tensorrt.runners", ValueType.integer(1, 64), 2,
            "TensorRT calls at once per backend, each with its own streams and device buffers; more callers wait.");
    public static final ConfigKey<Integer> STREAMS = ConfigKey.of("tensorrt.streams", ValueType.integer(1, 16), 2,
            "CUDA streams per runner; 2 or more overlap copies and compute of a large call.");
    public static final ConfigKey<Boolean> CUDA_GRAPHS = ConfigKey.of("tensorrt.cuda_graphs", ValueType.bool(), true,
            "Replay each call's kernels from a captured CUDA graph (less launch overhead); plain launches where"
                    + " capture fails.");
    public static final ConfigKey<Boolean> SPIN_WAIT = ConfigKey.of("tensorrt.spin_wait", ValueType.bool(), false,
            "Wait for the GPU by spinning a CPU core (lowest latency) instead of sleeping on an event.");
    public static final ConfigKey<List<Path>> PLUGIN_LIBRARIES = ConfigKey.of("tensorrt.plugin_libraries",
            ValueType.paths(), List.of(), "TensorRT plugin libraries to load before models are parsed (TensorRT's"
                    + " own libnvinfer_plugin is loaded when present).");
    public static final ConfigKey<Path> LAYER_PROFILE = ConfigKey.of("tensorrt.layer_profile",
            ValueType.nullable(ValueType.path()), null, "Write TensorRT's per-layer timings of this backend's calls"
                    + " to this JSON file when it closes (turns CUDA graphs off); null: none.");
    public static final ConfigKey<Path> ENGINE_CACHE_DIR = ConfigKey.of("tensorrt.engine_cache_dir",
            ValueType.nullable(ValueType.path()), null,
            "Local engine cache folder; null: $FACEEMBED_CACHE_DIR/engines, else"
                    + " ${XDG_CACHE_HOME:-~/.cache}/faceembed/engines.");
    public static final ConfigKey<String> ENGINE_S3_BUCKET = ConfigKey.of("tensorrt.engine_s3_bucket",
            ValueType.nullable(ValueType.text()), null, "S3 bucket shared by a fleet for built engines; null: no S3.");
    public static final ConfigKey<String> ENGINE_S3_PREFIX = ConfigKey.of("tensorrt.engine_s3_prefix",
            ValueType.text(), "faceembed/engines", "Key prefix inside the bucket.");
    public static final ConfigKey<String> ENGINE_S3_REGION = ConfigKey.of("tensorrt.engine_s3_region",
            ValueType.nullable(ValueType.text()), null, "S3 region; null: the SDK's default.");
    public static final ConfigKey<String> ENGINE_S3_ENDPOINT = ConfigKey.of("tensorrt.engine_s3_endpoint",
            ValueType.nullable(ValueType.text()), null,
            "Endpoint override for S3-compatible stores; null: the SDK's default.");
    public static final ConfigKey<Boolean> ENGINE_S3_UPLOAD = ConfigKey.of("tensorrt.engine_s3_upload",
            ValueType.bool(), false, "Upload engines built here to the bucket.");

    /** The {@code tensorrt} section. */
    public static final ConfigSection<TensorRtOptions> SECTION = ConfigSection
            .builder("tensorrt", TensorRtOptions.class)
            .keys(List.of(CONFIG_FILE, ENABLED, PRECISION, TF32, MAX_BATCH_SIZE, OPT_BATCH_SIZE, PROFILES,
                    WORKSPACE_SIZE_MB, OPTIMIZATION_LEVEL, HARDWARE_COMPATIBILITY, RUNNERS, STREAMS, CUDA_GRAPHS,
                    SPIN_WAIT, PLUGIN_LIBRARIES, LAYER_PROFILE, ENGINE_CACHE_DIR, ENGINE_S3_BUCKET, ENGINE_S3_PREFIX,
                    ENGINE_S3_REGION, ENGINE_S3_ENDPOINT, ENGINE_S3_UPLOAD))
            .reader(TensorRtOptions::read)
            .build();

    /** Copies the plugin list; the other components must not be {@code null}. */
    public TensorRtOptions {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(runners, "runners");
        Objects.requireNonNull(storage, "storage");
        pluginLibraries = List.copyOf(pluginLibraries);
    }

    private static TensorRtOptions read(ConfigValues v) {
        int maxBatch = v.get(MAX_BATCH_SIZE);
        int optBatch = v.get(OPT_BATCH_SIZE);
        if (optBatch > maxBatch) {
            throw new ConfigException(v.origin(OPT_BATCH_SIZE) + ": tensorrt.opt_batch_size (" + optBatch
                    + ") must not exceed tensorrt.max_batch_size (" + maxBatch + ", from " + v.origin(MAX_BATCH_SIZE)
                    + ")");
        }
        Integer level = v.get(OPTIMIZATION_LEVEL);
        List<BatchProfile> profiles = v.get(PROFILES);
        Engine engine = new Engine(Precision.parse(v.get(PRECISION)), v.get(TF32), profiles == null ? List.of()
                : profiles, optBatch, maxBatch, v.get(WORKSPACE_SIZE_MB), level == null ? -1 : level,
                v.get(HARDWARE_COMPATIBILITY).equals("same_compute_capability"));
        Runners runners = new Runners(v.get(RUNNERS), v.get(STREAMS), v.get(CUDA_GRAPHS), v.get(SPIN_WAIT),
                v.get(LAYER_PROFILE));
        Storage storage = new Storage(v.get(ENGINE_CACHE_DIR), v.get(ENGINE_S3_BUCKET), v.get(ENGINE_S3_PREFIX),
                v.get(ENGINE_S3_REGION), v.get(ENGINE_S3_ENDPOINT), v.get(ENGINE_S3_UPLOAD));
        return new TensorRtOptions(engine, runners, storage, v.get(PLUGIN_LIBRARIES));
    }

    /**
     * The defaults of config/pipeline/arcface_tensorrt.yaml.
     *
     * @return the defaults of every key of the section
     */
    public static TensorRtOptions defaults() {
        return SECTION.defaults();
    }

    /**
     * These options with other engine settings.
     *
     * @param value the engine settings
     * @return the new options
     */
    public TensorRtOptions withEngine(Engine value) {
        return new TensorRtOptions(value, runners, storage, pluginLibraries);
    }

    /**
     * These options with engines cached elsewhere.
     *
     * @param value where engines are cached
     * @return the new options
     */
    public TensorRtOptions withStorage(Storage value) {
        return new TensorRtOptions(engine, runners, value, pluginLibraries);
    }

    /**
     * These options with engines built in {@code value} precision.
     *
     * @param value {@code fp16}, {@code fp32} or {@code int8}, in any case
     * @return the new options
     */
    public TensorRtOptions withPrecision(String value) {
        Engine e = engine;
        return withEngine(new Engine(Precision.parse(value.toLowerCase(Locale.ROOT)), e.tf32(), e.profiles(),
                e.optBatchSize(), e.maxBatchSize(), e.workspaceSizeMb(), e.optimizationLevel(),
                e.hardwareCompatible()));
    }

    /**
     * These options with engines cached in {@code directory}.
     *
     * @param directory the local engine cache
     * @return the new options
     */
    public TensorRtOptions withEngineCacheDir(Path directory) {
        Storage s = storage;
        return withStorage(new Storage(directory, s.engineS3Bucket(), s.engineS3Prefix(), s.engineS3Region(),
                s.engineS3Endpoint(), s.engineS3Upload()));
    }
}

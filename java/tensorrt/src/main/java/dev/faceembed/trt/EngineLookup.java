package dev.faceembed.trt;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.cache.CachedEngine;
import dev.faceembed.cache.EngineCache;
import dev.faceembed.cache.EngineCacheException;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.cache.EngineTarget;
import dev.faceembed.cache.LookupPolicy;
import dev.faceembed.cache.Precision;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.tensorrt.TensorRtOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Finds the engine for a model on a GPU in the engine cache (local, then S3), building it with the shim on a miss
 * when allowed. Used by the tensorrt backend and by {@code embed build}.
 */
public final class EngineLookup {
    private static final Logger LOG = LoggerFactory.getLogger(EngineLookup.class);

    private EngineLookup() {
    }

    /** The cache key of {@code model} built with {@code options} for {@code gpu} and TensorRT {@code version}. */
    public static EngineKey key(LoadedModel model, TensorRtOptions options, GpuDevice gpu, String tensorRtVersion) {
        return EngineKey.of(model.spec().name(), model.sha256(),
                Precision.valueOf(options.precision().toUpperCase(Locale.ROOT)), 1, options.optBatchSize(),
                options.maxBatchSize(), (long) options.workspaceSizeMb() << 20,
                new EngineTarget(gpu.computeMajor(), gpu.computeMinor(), tensorRtVersion));
    }

    /**
     * The validated plan for {@code key}.
     *
     * @throws BackendUnavailableException naming why no usable engine could be had, and the fix
     */
    public static CachedEngine resolve(EngineCache cache, EngineKey key, LoadedModel model, GpuEnvironment env,
                                       GpuDevice gpu, LookupPolicy policy) {
        ShimEngineBuilder builder = new ShimEngineBuilder(model, gpu.index(),
                GpuEnvironment.cudaVersion(env.runtimeVersion()),
                cache.directory().resolve("timing-" + gpu.arch() + "-trt" + env.tensorRtVersion() + ".cache"));
        try {
            CachedEngine engine = cache.getOrBuild(key, builder, policy);
            engine.warnings().forEach(w -> LOG.warn("engine cache: {}", w));
            LOG.info("engine {} ({})", engine.plan(), engine.source());
            return engine;
        } catch (EngineCacheException e) {
            throw new BackendUnavailableException("no usable TensorRT engine for " + model.spec().name() + " on "
                    + gpu + ": " + e.getMessage(), e);
        }
    }
}

package dev.faceembed.trt;

import dev.faceembed.BackendUnavailableException;
import dev.faceembed.Device;
import dev.faceembed.FaceembedVersion;
import dev.faceembed.cache.CachedEngine;
import dev.faceembed.cache.EngineCache;
import dev.faceembed.cache.EngineCacheException;
import dev.faceembed.cache.EngineCacheLocation;
import dev.faceembed.cache.EngineKey;
import dev.faceembed.cache.EngineTarget;
import dev.faceembed.cache.LookupPolicy;
import dev.faceembed.cache.S3EngineStore;
import dev.faceembed.cache.S3Settings;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.model.ModelLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one path from a request to a usable engine, shared by opening the tensorrt backend and {@code embed build}:
 * device setting, GPU environment (shim, CUDA, driver, devices, TensorRT), device index, model, then the engine cache
 * (local, then S3) or a build. Every step that cannot succeed on this machine is a
 * {@link BackendUnavailableException} naming the step and its fix; a missing or corrupt model is a
 * {@code ModelException}, whichever command asked.
 */
public final class EngineResolver implements EngineSupplier {
    private static final Logger LOG = LoggerFactory.getLogger(EngineResolver.class);
    private static final String NAME = TensorRtProvider.NAME;

    /** A resolver for this machine's GPUs and TensorRT; it keeps no state between calls. */
    public EngineResolver() {
    }

    @Override
    public ResolvedEngine resolve(EngineRequest request) {
        GpuEnvironment env = GpuEnvironment.probe();
        GpuDevice gpu = device(env, request.device());
        PluginLibraries.load(request.options().pluginLibraries());
        LoadedModel model = ModelLoader.load(request.model());
        EngineKey key = key(model, request, gpu, env.tensorRtVersion());
        return lookUp(request, env, gpu, model, key, request.policy(), cache -> { });
    }

    @Override
    public ResolvedEngine rebuild(EngineRequest request, ResolvedEngine refused, String reason) {
        return lookUp(request, refused.environment(), refused.gpu(), refused.model(), refused.key(),
                LookupPolicy.rebuildLocally(), cache -> cache.evict(refused.key(), "TensorRT refused it: " + reason));
    }

    private static ResolvedEngine lookUp(EngineRequest request, GpuEnvironment env, GpuDevice gpu, LoadedModel model,
                                         EngineKey key, LookupPolicy policy, Consumer<EngineCache> first) {
        try (EngineCache cache = openCache(request.options())) {
            first.accept(cache);
            ShimEngineBuilder builder = new ShimEngineBuilder(model, gpu.index(),
                    GpuEnvironment.cudaVersion(env.runtimeVersion()),
                    cache.directory().resolve("timing-" + gpu.arch() + "-trt" + env.tensorRtVersion() + ".cache"));
            CachedEngine engine = cache.getOrBuild(key, builder, policy);
            engine.warnings().forEach(w -> LOG.warn("engine cache: {}", w));
            LOG.info("engine {} ({})", engine.plan(), engine.source());
            return new ResolvedEngine(env, gpu, model, key, engine);
        } catch (EngineCacheException e) {
            throw new BackendUnavailableException(NAME + ": no usable TensorRT engine for " + model.spec().name()
                    + " on " + gpu + ": " + e.getMessage(), e);
        }
    }

    /**
     * The GPU {@code device} names, after checking the environment.
     *
     * @throws BackendUnavailableException if the device is not a GPU, or this machine cannot run TensorRT on it
     */
    static GpuDevice device(GpuEnvironment env, Device device) {
        unavailability(env, device).ifPresent(why -> {
            throw new BackendUnavailableException(NAME + ": " + why);
        });
        return env.devices().get(device.index());
    }

    /** Why TensorRT cannot run on {@code device} here, or empty when it can. */
    static Optional<String> unavailability(GpuEnvironment env, Device device) {
        if (!device.isCuda()) {
            return Optional.of("embedding.device is '" + device + "'; the tensorrt backend runs on a GPU: set it to"
                    + " cuda:<index> (e.g. cuda:0)");
        }
        if (env.failure().isPresent()) {
            return env.failure();
        }
        if (device.index() >= env.devices().size()) {
            return Optional.of("embedding.device is " + device + " but this machine has " + env.devices().size()
                    + " CUDA device(s): use cuda:0.." + (env.devices().size() - 1));
        }
        return Optional.empty();
    }

    /**
     * The cache key of the request's engine for {@code gpu} and TensorRT {@code version}: for this GPU model, or for
     * every GPU of its architecture when built hardware-compatible.
     */
    static EngineKey key(LoadedModel model, EngineRequest request, GpuDevice gpu, String tensorRtVersion) {
        TensorRtOptions.Engine engine = request.options().engine();
        EngineTarget target = new EngineTarget(gpu.computeMajor(), gpu.computeMinor(), tensorRtVersion, gpu.name());
        return EngineKey.builder(model.spec().name(), model.sha256())
                .precision(engine.precision())
                .tf32(engine.tf32())
                .profiles(engine.profilesFrom(request.minBatch()))
                .workspaceBytes((long) engine.workspaceSizeMb() << 20)
                .optimizationLevel(engine.optimizationLevel())
                .target(engine.hardwareCompatible() ? target.anyGpuOfThisArchitecture() : target)
                .build();
    }

    /**
     * The local folder ({@code engine_cache_dir}, else the default) and the S3 bucket, if one is configured.
     *
     * @param options the backend's options
     * @return the engine cache they name
     */
    public static EngineCache openCache(TensorRtOptions options) {
        TensorRtOptions.Storage storage = options.storage();
        Path directory = storage.engineCacheDir() != null ? storage.engineCacheDir()
                : EngineCacheLocation.defaultDirectory();
        EngineCache.Builder builder = EngineCache.builder(directory).producerVersion(FaceembedVersion.get());
        s3Settings(storage).map(S3EngineStore::open).ifPresent(builder::s3);
        return builder.build();
    }

    static Optional<S3Settings> s3Settings(TensorRtOptions.Storage storage) {
        if (storage.engineS3Bucket() == null) {
            return Optional.empty();
        }
        S3Settings settings = S3Settings.forBucket(storage.engineS3Bucket()).withPrefix(storage.engineS3Prefix());
        if (storage.engineS3Region() != null) {
            settings = settings.withRegion(storage.engineS3Region());
        }
        if (storage.engineS3Endpoint() != null) {
            settings = settings.withEndpoint(URI.create(storage.engineS3Endpoint()));
        }
        return Optional.of(settings);
    }
}

package dev.faceembed.trt;

import dev.faceembed.BackendKind;
import dev.faceembed.BackendProvider;
import dev.faceembed.BackendUnavailableException;
import dev.faceembed.CudaDevice;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.FaceembedVersion;
import dev.faceembed.cache.CachedEngine;
import dev.faceembed.cache.EngineCache;
import dev.faceembed.cache.LookupPolicy;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.model.ModelLoader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Opens the tensorrt backend, checking in order: the device setting, the shim, CUDA in the shim, the driver and the
 * GPU, TensorRT, and a usable engine (cache or build). The first step that fails becomes a
 * {@link BackendUnavailableException} that names it and its fix (the fallback rule then applies).
 */
public final class TensorRtBackendProvider implements BackendProvider {
    @Override
    public BackendKind kind() {
        return BackendKind.TENSORRT;
    }

    @Override
    public EmbeddingBackend open(EmbeddingOptions options) {
        int index = deviceIndex(options.device());
        GpuEnvironment env = GpuEnvironment.probe();
        env.failure().ifPresent(why -> {
            throw new BackendUnavailableException("tensorrt: " + why);
        });
        if (index >= env.devices().size()) {
            throw new BackendUnavailableException("tensorrt: embedding.device is " + options.device() + " but this"
                    + " machine has " + env.devices().size() + " CUDA device(s): use cuda:0.."
                    + (env.devices().size() - 1));
        }
        GpuDevice gpu = env.devices().get(index);
        LoadedModel model = ModelLoader.load(options.model());
        LookupPolicy policy = options.tensorrt().engineS3Upload() ? LookupPolicy.buildAndUpload()
                : LookupPolicy.buildIfMissing();
        try (EngineCache cache = EngineCaches.open(options.tensorrt())) {
            CachedEngine engine = EngineLookup.resolve(cache, EngineLookup.key(model, options.tensorrt(), gpu,
                    env.tensorRtVersion()), model, env, gpu, policy);
            return TensorRtBackend.load(engine.plan(), gpu.index(), options.tensorrt().streams(),
                    model.spec().preprocessing(),
                    diagnostics(options, model, env, gpu));
        }
    }

    private static int deviceIndex(String device) {
        return CudaDevice.index(device).orElseThrow(() -> new BackendUnavailableException("tensorrt:"
                + " embedding.device is '" + device + "'; the tensorrt backend runs on a GPU: set it to cuda:<index>"
                + " (e.g. cuda:0)"));
    }

    private static Diagnostics diagnostics(EmbeddingOptions options, LoadedModel model, GpuEnvironment env,
                                           GpuDevice gpu) {
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("faceembed", FaceembedVersion.get());
        versions.put("tensorrt", env.tensorRtVersion());
        versions.put("cuda_runtime", GpuEnvironment.cudaVersion(env.runtimeVersion()));
        versions.put("cuda_driver", GpuEnvironment.cudaVersion(env.driverVersion()));
        versions.put("shim", env.shimBuildInfo());
        versions.put("java", Runtime.version().toString());
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("opt_batch_size", Integer.toString(options.tensorrt().optBatchSize()));
        settings.put("workspace_size_mb", Integer.toString(options.tensorrt().workspaceSizeMb()));
        settings.put("streams", Integer.toString(options.tensorrt().streams()));
        settings.put("shim_library", env.shimLocation());
        return new Diagnostics(TensorRtBackend.NAME, TensorRtBackend.NAME, "", gpu.toString(),
                options.tensorrt().precision(), options.tensorrt().maxBatchSize(), 0, model.spec().name(),
                model.location(), model.sha256(), "", versions, settings);
    }
}

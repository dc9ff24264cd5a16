package dev.faceembed.trt;

import dev.faceembed.Device;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.FaceembedVersion;
import dev.faceembed.bindings.trt.FaceembedTrtLibrary;
import dev.faceembed.config.ConfigKey;
import dev.faceembed.config.ConfigSection;
import dev.faceembed.spi.BackendProbe;
import dev.faceembed.spi.BackendProvider;
import dev.faceembed.spi.BackendRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code tensorrt} backend: a TensorRT engine on one GPU through faceembed's native shim. Opening it resolves
 * the engine ({@link EngineResolver}: device, shim, CUDA, driver, GPU, TensorRT, engine cache or build); the first
 * step that fails becomes a {@code BackendUnavailableException} that names it and its fix, and the fallback rule
 * applies.
 */
public final class TensorRtProvider implements BackendProvider {
    static final String NAME = "tensorrt";

    /** The provider, as {@link java.util.ServiceLoader} creates it; nothing is probed or loaded until asked. */
    public TensorRtProvider() {
    }

    @Override
    public String id() {
        return NAME;
    }

    @Override
    public String description() {
        return "TensorRT 10 on an NVIDIA GPU through faceembed's CUDA/TensorRT shim, engines cached per GPU";
    }

    @Override
    public List<ConfigSection<?>> configSections() {
        return List.of(TensorRtOptions.SECTION);
    }

    @Override
    public Optional<ConfigKey<Boolean>> enabledBy() {
        return Optional.of(TensorRtOptions.ENABLED);
    }

    /** The shim's probe of CUDA, the driver, the devices and TensorRT; creates no GPU context. */
    @Override
    public BackendProbe probe(BackendRequest request) {
        return EngineResolver.unavailability(GpuEnvironment.probe(), request.device())
                .map(why -> BackendProbe.unavailable(request.device(), why, ""))
                .orElseGet(() -> BackendProbe.available(request.device()));
    }

    @Override
    public EmbeddingBackend open(BackendRequest request) {
        return open(request, new EngineResolver(), ShimRuntime.INSTANCE);
    }

    /** Opens the backend with these sources of engines and of native calls. */
    static TensorRtBackend open(BackendRequest request, EngineSupplier supplier, EngineRuntime runtime) {
        TensorRtOptions options = request.section(TensorRtOptions.SECTION);
        EngineLoader.Loaded loaded = new EngineLoader(supplier, runtime).load(EngineRequest.forBackend(
                request.model(), request.device(), options));
        boolean success = false;
        try {
            ResolvedEngine resolved = loaded.resolved();
            TensorRtBackend backend = new TensorRtBackend(runtime, loaded.engine(), resolved.gpu().index(),
                    options.runners().count(), RunnerSettings.of(options.runners(), request.model().preprocessing()),
                    diagnostics(options, resolved, runtime), LayerProfile.writer(options.runners().layerProfile()))
                    .warmedUp();
            success = true;
            return backend;
        } finally {
            if (!success) {
                loaded.engine().close();
            }
        }
    }

    private static Diagnostics.Builder diagnostics(TensorRtOptions options, ResolvedEngine resolved,
                                                   EngineRuntime runtime) {
        GpuEnvironment env = resolved.environment();
        TensorRtOptions.Engine engine = options.engine();
        TensorRtOptions.Runners runners = options.runners();
        return Diagnostics.builder(NAME)
                .device(Device.cuda(resolved.gpu().index()), resolved.gpu().toString())
                .precision(engine.precision().id() + (engine.tf32() ? "+tf32" : ""))
                .model(resolved.model().spec().name(), resolved.model().location(), resolved.model().sha256())
                .enginePath(resolved.engine().plan().toString())
                .version("faceembed", FaceembedVersion.get())
                .version("tensorrt", env.tensorRtVersion())
                .version("cuda_runtime", GpuEnvironment.cudaVersion(env.runtimeVersion()))
                .version("cuda_driver", GpuEnvironment.cudaVersion(env.driverVersion()))
                .version("shim", env.shimBuildInfo())
                .version("java", Runtime.version().toString())
                .setting("engine_key", resolved.key().fileStem())
                .setting("tf32", engine.tf32())
                .setting("hardware_compatible", engine.hardwareCompatible())
                .setting("workspace_size_mb", engine.workspaceSizeMb())
                .setting("builder_optimization_level", engine.optimizationLevel())
                .setting("runners", runners.count())
                .setting("streams", runners.streams())
                .setting("cuda_graphs", runners.cudaGraphs())
                .setting("spin_wait", runners.spinWait())
                .setting("gpu_free_memory_mb", runtime.freeMemoryMb(resolved.gpu().index()))
                .setting("shim_library", env.shimLocation());
    }

    @Override
    public Map<String, String> versions() {
        GpuEnvironment env = GpuEnvironment.probe();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("faceembed_trt shim", env.shimBuildInfo().isEmpty() ? "not loadable" : env.shimBuildInfo());
        m.put("CUDA runtime", orNone(GpuEnvironment.cudaVersion(env.runtimeVersion())));
        m.put("CUDA driver", orNone(GpuEnvironment.cudaVersion(env.driverVersion())));
        m.put("TensorRT", env.tensorRtVersion().isEmpty() ? "not found" : env.tensorRtVersion());
        return m;
    }

    private static String orNone(String version) {
        return version.isEmpty() ? "none" : version;
    }

    @Override
    public Map<String, Object> describe() {
        GpuEnvironment env = GpuEnvironment.probe();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shim", FaceembedTrtLibrary.isAvailable() ? FaceembedTrtLibrary.get().describe() : null);
        m.put("shim_build", env.shimBuildInfo().isEmpty() ? null : env.shimBuildInfo());
        m.put("cuda_driver", empty(GpuEnvironment.cudaVersion(env.driverVersion())));
        m.put("cuda_runtime", empty(GpuEnvironment.cudaVersion(env.runtimeVersion())));
        m.put("devices", env.devices().stream().map(TensorRtProvider::device).toList());
        m.put("tensorrt", empty(env.tensorRtVersion()));
        m.put("tensorrt_headers", env.tensorRt().map(GpuEnvironment.TensorRtLibraries::headers).orElse(null));
        m.put("onnx_parser", env.tensorRt().map(GpuEnvironment.TensorRtLibraries::onnxParser).orElse(null));
        m.put("plugins_loaded", env.tensorRt().map(GpuEnvironment.TensorRtLibraries::pluginsLoaded).orElse(null));
        m.put("tensorrt_libraries", env.tensorRt().map(GpuEnvironment.TensorRtLibraries::libraries)
                .orElse(List.of()));
        return m;
    }

    private static Object empty(String value) {
        return value.isEmpty() ? null : value;
    }

    private static Map<String, Object> device(GpuDevice d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", d.index());
        m.put("name", d.name());
        m.put("arch", d.arch());
        m.put("uuid", d.uuid());
        m.put("pci_bus_id", d.pciBusId());
        m.put("memory_mb", d.totalMemoryMb());
        m.put("multiprocessors", d.multiprocessors());
        return m;
    }
}

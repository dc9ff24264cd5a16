package dev.faceembed.cli;

import dev.faceembed.FaceembedVersion;
import dev.faceembed.bindings.loader.ExtractionCache;
import dev.faceembed.bindings.loader.Platform;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.io.Json;
import dev.faceembed.onnxruntime.OrtEnvironment;
import dev.faceembed.trt.GpuDevice;
import dev.faceembed.trt.GpuEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code embed info}: the platform, native libraries, GPUs and configuration faceembed sees. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the platform, the native libraries loaded (with versions and paths), ONNX Runtime's"
                + " execution providers, CUDA driver and GPUs, TensorRT, and the active configuration files.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    RunOptions runOptions;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PipelineConfig config = runOptions.load();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("faceembed", FaceembedVersion.get());
        info.put("platform", Platform.current().classifier());
        info.put("machine", MachineInfo.toJson());
        info.put("onnxruntime", onnxRuntime());
        info.put("gpu", gpu());
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("files", config.files().stream().map(Object::toString).toList());
        configuration.put("backend", config.backend().id());
        configuration.put("device", config.device());
        configuration.put("allow_cpu_fallback", config.allowCpuFallback());
        configuration.put("model", config.modelSpec().source().toString());
        configuration.put("native_cache", ExtractionCache.standard().root().toString());
        info.put("configuration", configuration);

        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.print(Json.write(info));
        } else {
            print(out, "", info);
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> onnxRuntime() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("available", OrtEnvironment.isAvailable());
        if (!OrtEnvironment.isAvailable()) {
            m.put("reason", OrtEnvironment.unavailabilityReason());
            return m;
        }
        OrtEnvironment ort = OrtEnvironment.get();
        m.put("version", ort.version());
        m.put("library", ort.libraryLocation());
        m.put("execution_providers", ort.availableProviders());
        m.put("build", ort.buildInfo());
        return m;
    }

    private static Map<String, Object> gpu() {
        GpuEnvironment env = GpuEnvironment.probe();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("shim", env.shimLocation().isEmpty() ? null : env.shimLocation());
        m.put("shim_build", env.shimBuildInfo().isEmpty() ? null : env.shimBuildInfo());
        m.put("cuda_driver", GpuEnvironment.cudaVersion(env.driverVersion()));
        m.put("cuda_runtime", GpuEnvironment.cudaVersion(env.runtimeVersion()));
        List<Map<String, Object>> devices = env.devices().stream().map(InfoCommand::device).toList();
        m.put("devices", devices);
        m.put("tensorrt", env.tensorRtVersion().isEmpty() ? null : env.tensorRtVersion());
        m.put("tensorrt_backend_usable", env.failure().isEmpty());
        m.put("reason", env.failure().orElse(null));
        return m;
    }

    private static Map<String, Object> device(GpuDevice d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", d.index());
        m.put("name", d.name());
        m.put("arch", d.arch());
        m.put("memory_mb", d.totalMemoryMb());
        m.put("free_mb", d.freeMemoryMb());
        m.put("multiprocessors", d.multiprocessors());
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintWriter out, String indent, Map<String, Object> map) {
        for (var e : map.entrySet()) {
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                out.println(indent + e.getKey() + ":");
                print(out, indent + "  ", (Map<String, Object>) nested);
            } else if (v instanceof List<?> list && !list.isEmpty() && list.getFirst() instanceof Map<?, ?>) {
                out.println(indent + e.getKey() + ":");
                for (Object item : list) {
                    out.println(indent + "  -");
                    print(out, indent + "    ", (Map<String, Object>) item);
                }
            } else {
                out.println(indent + e.getKey() + ": " + (v == null || "".equals(v) ? "-" : v));
            }
        }
    }
}

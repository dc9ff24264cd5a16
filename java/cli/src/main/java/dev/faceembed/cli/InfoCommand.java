package dev.faceembed.cli;

import dev.faceembed.FaceembedVersion;
import dev.faceembed.EmbeddingOptions;
import dev.faceembed.bindings.loader.ExtractionCache;
import dev.faceembed.bindings.loader.Platform;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.spi.BackendProbe;
import dev.faceembed.spi.BackendProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code embed info}: the platform, every backend on the class path (what it is, whether it can run here and why
 * not, and what it reports of itself: native libraries, versions, devices), and the active configuration.
 */
@Command(name = "info", mixinStandardHelpOptions = true, exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.RUNTIME_LINE, ExitCodes.USAGE_LINE},
        description = "Show the platform, every backend (whether it can run here, and why not), the native libraries"
                + " loaded with versions and paths, the GPUs, and the active configuration.")
final class InfoCommand implements Callable<Integer> {
    @Mixin
    RunOptions runOptions;

    @Mixin
    BackendChoice backendChoice;

    @Mixin
    JsonOption json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PipelineConfig config = backendChoice.apply(runOptions.loader()).load();
        EmbeddingOptions options = config.embeddingOptions();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("faceembed", FaceembedVersion.get());
        info.put("platform", Platform.current().classifier());
        info.put("machine", MachineInfo.toJson());
        Map<String, Object> backends = new LinkedHashMap<>();
        Map<String, BackendProbe> probes = new LinkedHashMap<>();
        for (BackendProvider provider : config.schema().registry().providers()) {
            BackendProbe probe = provider.probe(options.request());
            probes.put(provider.id(), probe);
            backends.put(provider.id(), backend(provider, probe));
        }
        info.put("backends", backends);
        info.put("would_run", wouldRun(options, probes));
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("files", config.files().stream().map(Object::toString).toList());
        configuration.put("backend", config.backend());
        configuration.put("device", config.device().toString());
        configuration.put("allow_cpu_fallback", config.allowCpuFallback());
        configuration.put("fallback_backends", options.fallbackBackends());
        configuration.put("model", config.modelSpec().source().toString());
        configuration.put("native_cache", ExtractionCache.standard().root().toString());
        configuration.put("aot_cache", System.getProperty(AotCache.CACHE_PROPERTY));
        info.put("configuration", configuration);

        PrintWriter out = json.report(spec);
        print(out, "", info);
        out.flush();
        json.write(info, spec);
        return ExitCodes.OK;
    }

    /**
     * The backend and device an embedding command would run on with this configuration: the configured backend
     * where it can run, else the first fallback that can (on the CPU) when fallback is allowed, else none.
     */
    private static Map<String, Object> wouldRun(EmbeddingOptions options, Map<String, BackendProbe> probes) {
        Map<String, Object> m = new LinkedHashMap<>();
        BackendProbe requested = probes.get(options.backend());
        String backend = null;
        String device = null;
        if (requested != null && requested.available()) {
            backend = options.backend();
            device = requested.device().toString();
        } else if (options.allowCpuFallback()) {
            for (String id : options.fallbackBackends()) {
                BackendProbe probe = probes.get(id);
                if (probe != null && probe.available() && !id.equals(options.backend())) {
                    backend = id;
                    device = "cpu";
                    break;
                }
            }
        }
        m.put("backend", backend);
        m.put("device", device);
        m.put("fallback", backend != null && !backend.equals(options.backend()));
        return m;
    }

    /** What one backend says of itself, and whether it could run the configured request here. */
    private static Map<String, Object> backend(BackendProvider provider, BackendProbe probe) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("description", provider.description());
        if (!provider.deprecatedAliases().isEmpty()) {
            m.put("deprecated_aliases", provider.deprecatedAliases());
        }
        m.put("available", probe.available());
        m.put("device", probe.device().toString());
        m.put("reason", probe.available() ? null : probe.reason());
        m.put("fix", probe.fix().isEmpty() ? null : probe.fix());
        m.putAll(provider.describe());
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

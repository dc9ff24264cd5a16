package dev.faceembed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shape of core: only the onnxruntime package knows ONNX Runtime, nothing knows another backend, and the module
 * exports its API packages only.
 */
class SeamTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final Pattern BACKEND_REFERENCE = Pattern.compile(
            "dev\\.faceembed\\.(onnxruntime|trt|tensorrt|bindings\\.ort|bindings\\.trt|bindings\\.fenv)\\b");

    @Test
    void onlyTheOnnxRuntimePackageNamesABackend() throws IOException {
        Map<String, List<String>> offenders = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES.resolve("dev/faceembed"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (file.startsWith(SOURCES.resolve("dev/faceembed/onnxruntime"))) {
                    continue;
                }
                Matcher m = BACKEND_REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    offenders.computeIfAbsent(SOURCES.relativize(file).toString(), f -> new java.util.ArrayList<>())
                            .add(m.group());
                }
            }
        }
        assertEquals(Map.of(), offenders, "core outside dev.faceembed.onnxruntime refers to a backend");
    }

    @Test
    void theModuleExportsItsApiOnly() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        Set<String> everyone = module.exports().stream().filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
        assertEquals(Set.of("dev.faceembed", "dev.faceembed.batching", "dev.faceembed.config", "dev.faceembed.detect",
                "dev.faceembed.model",
                "dev.faceembed.onnxruntime", "dev.faceembed.preprocess", "dev.faceembed.spi"), everyone);
        Map<String, Set<String>> qualified = module.exports().stream().filter(ModuleDescriptor.Exports::isQualified)
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        assertEquals(Map.of("dev.faceembed.internal", Set.of("dev.faceembed.tensorrt")), qualified);
        assertEquals(Set.of("dev.faceembed.spi.BackendProvider"), module.uses());
    }
}

package dev.faceembed.bindings.loader;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bindings are plumbing: every package is exported only to the modules that call it. */
class ModuleExportsTest {
    @Test
    void everyPackageIsExportedToItsCallersOnly() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        Map<String, Set<String>> exports = module.exports().stream()
                .collect(Collectors.toMap(ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets));
        assertEquals(Map.of(
                "dev.faceembed.bindings.fenv", Set.of("dev.faceembed.core"),
                "dev.faceembed.bindings.loader", Set.of("dev.faceembed.core", "dev.faceembed.tensorrt"),
                "dev.faceembed.bindings.ort", Set.of("dev.faceembed.core"),
                "dev.faceembed.bindings.trt", Set.of("dev.faceembed.tensorrt")), exports);
    }
}

package dev.faceembed.cache;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine cache stands alone: it needs neither faceembed's core nor SnakeYAML, and exports one package. */
class StandaloneModuleTest {
    @Test
    void theModuleNeedsOnlyTheFilesModuleLoggingAndTheAwsSdk() throws IOException {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(Path.of("target", "classes", "module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }
        Set<String> required = module.requires().stream().map(ModuleDescriptor.Requires::name)
                .collect(Collectors.toSet());
        for (String name : required) {
            assertTrue(name.equals("java.base") || name.equals("dev.faceembed.files") || name.equals("org.slf4j")
                    || name.startsWith("software.amazon.awssdk."), "requires " + name);
        }
        assertEquals(Set.of("dev.faceembed.cache"), module.exports().stream().map(ModuleDescriptor.Exports::source)
                .collect(Collectors.toSet()));
    }
}

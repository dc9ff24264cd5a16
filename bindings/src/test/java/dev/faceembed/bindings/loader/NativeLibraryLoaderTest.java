package dev.faceembed.bindings.loader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLClassLoader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeLibraryLoaderTest {
    private static final String PROPERTY = "faceembed.test.library";
    private static final LibrarySpec SPEC = new LibrarySpec("Test library", "faceembed_no_such_lib", PROPERTY,
            "FACEEMBED_TEST_LIBRARY", "test/native", List.of("linux-x64-cuda", "linux-x64"), "Install the test library.",
            List.of("faceembed_companion"));

    @TempDir
    Path dir;

    @AfterEach
    void clearProperty() {
        System.clearProperty(PROPERTY);
    }

    private NativeLibraryLoader loader(Map<String, String> env, ClassLoader classLoader) {
        return new NativeLibraryLoader(env::get, classLoader, new ExtractionCache(dir.resolve("cache")));
    }

    @Test
    void nothingFoundListsEveryPlaceTriedAndTheRemedy() {
        var e = assertThrows(NativeLibraryUnavailableException.class,
                () -> loader(Map.of(), new URLClassLoader(new URL[0], null)).load(SPEC));
        String m = e.getMessage();
        assertTrue(m.contains(PROPERTY) && m.contains("FACEEMBED_TEST_LIBRARY"), m);
        assertTrue(m.contains("class path resource test/native/linux-x64-cuda/libfaceembed_no_such_lib.so: not found"), m);
        assertTrue(m.contains("class path resource test/native/linux-x64/libfaceembed_no_such_lib.so: not found"), m);
        assertTrue(m.contains("system library path"), m);
        assertTrue(m.endsWith("Install the test library."), m);
        assertEquals(1, e.getSuppressed().length, "the system path failure is attached");
    }

    @Test
    void anExplicitPathThatFailsStopsThereAndSaysWhy() {
        System.setProperty(PROPERTY, dir.resolve("missing.so").toString());
        var e = assertThrows(NativeLibraryUnavailableException.class,
                () -> loader(Map.of(), getClass().getClassLoader()).load(SPEC));
        assertTrue(e.getMessage().contains("missing.so") && e.getMessage().contains("no such file")
                && e.getMessage().contains("system property " + PROPERTY), e.getMessage());
    }

    @Test
    void theEnvironmentVariableIsUsedWhenThePropertyIsNot() throws Exception {
        Path notALibrary = Files.writeString(dir.resolve("fake.so"), "not an ELF file");
        var e = assertThrows(NativeLibraryUnavailableException.class,
                () -> loader(Map.of("FACEEMBED_TEST_LIBRARY", notALibrary.toString()), getClass().getClassLoader())
                        .load(SPEC));
        assertTrue(e.getMessage().contains("environment variable FACEEMBED_TEST_LIBRARY"), e.getMessage());
    }

    @Test
    void aClassPathResourceIsExtractedAndLoaded() throws Exception {
        Path libm = Path.of("/lib/x86_64-linux-gnu/libm.so.6");
        assumeTrue(Files.isRegularFile(libm), "needs x86-64 Debian libm");
        Path root = dir.resolve("cp");
        Path resource = root.resolve("test/native/linux-x64/libfaceembed_no_such_lib.so");
        Files.createDirectories(resource.getParent());
        Files.copy(libm, resource);
        Files.writeString(resource.resolveSibling("libfaceembed_companion.so"), "a provider library");
        try (var classLoader = new URLClassLoader(new URL[]{root.toUri().toURL()}, null)) {
            LoadedLibrary loaded = loader(Map.of(), classLoader).load(SPEC);
            assertEquals("a provider library", Files.readString(Path.of(loaded.location())
                    .resolveSibling("libfaceembed_companion.so")), "companions are extracted next to the library");
            assertTrue(loaded.lookup().find("cos").isPresent());
            assertTrue(loaded.location().startsWith(dir.resolve("cache").toString()), loaded.location());
            assertTrue(loaded.origin().startsWith("class path") && loaded.origin().contains("variant linux-x64,"),
                    loaded.origin());
            assertTrue(loaded.summary().startsWith(loaded.location() + " (class path ")
                    && loaded.summary().endsWith(", variant linux-x64)"), loaded.summary());
        }
    }

    @Test
    void theFirstFolderThatHasTheLibraryWinsAndAnAlteredOneIsPassedOver() throws Exception {
        Path libm = Path.of("/lib/x86_64-linux-gnu/libm.so.6");
        assumeTrue(Files.isRegularFile(libm), "needs x86-64 Debian libm");
        LibrarySpec spec = new LibrarySpec("Test library", "faceembed_no_such_lib", PROPERTY, "FACEEMBED_TEST_LIBRARY",
                List.of("ours/native/linux-x86_64", "theirs/native/linux-x64"), "Install the test library.", List.of());
        Path root = dir.resolve("cp");
        for (String folder : spec.resourceDirectories()) {
            Files.createDirectories(root.resolve(folder));
            Files.copy(libm, root.resolve(spec.resourceName(folder)));
        }
        Path manifest = root.resolve("ours/native/linux-x86_64/" + NativesManifest.FILE_NAME);
        try (var classLoader = new URLClassLoader(new URL[]{root.toUri().toURL()}, null)) {
            Files.writeString(manifest, "sha256.libfaceembed_no_such_lib.so=" + sha256(libm) + "\n");
            assertTrue(loader(Map.of(), classLoader).load(spec).origin().contains("variant linux-x86_64,"));

            Files.writeString(manifest, "sha256.libfaceembed_no_such_lib.so=" + "0".repeat(64) + "\n");
            assertTrue(loader(Map.of(), classLoader).load(spec).origin().contains("variant linux-x64,"),
                    "a library that does not match its manifest is not loaded");
        }
    }

    private static String sha256(Path file) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file)));
    }
}

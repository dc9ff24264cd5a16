package dev.faceembed.onnxruntime.natives;

import dev.faceembed.bindings.loader.NativesManifest;
import dev.faceembed.bindings.ort.OnnxRuntimeLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each platform folder holds the library of that platform and a manifest the loader accepts: only one of the three
 * can be loaded on this machine, so the others are checked by their file headers.
 */
class NativesLayoutTest {
    private static final Path CLASSES = Path.of("target", "classes");

    @ParameterizedTest
    @CsvSource({
            // classifier,   library,              format,  CPU (ELF e_machine or Mach-O cputype)
            "linux-x86_64,   libonnxruntime.so,    elf,     62",
            "linux-aarch_64, libonnxruntime.so,    elf,     183",
            "osx-aarch_64,   libonnxruntime.dylib, mach-o,  16777228"})
    void eachPlatformFolderHoldsItsLibraryAndAManifestTheLoaderAccepts(String classifier, String library,
                                                                         String format, int cpu) throws Exception {
        String folder = OnnxRuntimeLibrary.RESOURCE_FOLDER + "/" + classifier;
        Path dir = CLASSES.resolve(folder);
        try (var files = Files.list(dir)) {
            assertEquals(Set.of(library, NativesManifest.FILE_NAME),
                    files.map(f -> f.getFileName().toString()).collect(Collectors.toSet()),
                    "the library and its manifest only: no JNI library, no debug symbols");
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(library));
        assertEquals(cpu, format.equals("elf") ? elfMachine(bytes) : machOCpuType(bytes), classifier);
        try (var classLoader = new URLClassLoader(new URL[]{CLASSES.toUri().toURL()}, null)) {
            NativesManifest manifest = NativesManifest.of(classLoader, folder);
            assertDoesNotThrow(() -> manifest.verify(library, sha256(bytes)));
        }
    }

    @Test
    void onnxRuntimesLicenceAndNoticesAreShipped() throws IOException {
        Path meta = CLASSES.resolve("META-INF/onnxruntime");
        assertTrue(Files.readString(meta.resolve("LICENSE")).contains("Copyright (c) 2018 - present Microsoft"));
        List<String> notices = Files.readAllLines(meta.resolve("ThirdPartyNotices.txt"));
        assertEquals("THIRD PARTY SOFTWARE NOTICES AND INFORMATION", notices.getFirst().strip());
    }

    private static int elfMachine(byte[] bytes) {
        assertEquals(0x7f454c46, ByteBuffer.wrap(bytes).getInt(0), "ELF magic");
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getShort(18);
    }

    private static int machOCpuType(byte[] bytes) {
        ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xfeedfacf, header.getInt(0), "64-bit Mach-O magic");
        return header.getInt(4);
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}

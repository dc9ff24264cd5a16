package dev.faceembed.bindings.loader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

/** Where native libraries are extracted, for each combination of settings, home and temporary folder. */
class ExtractionRootTest {
    @TempDir
    Path dir;

    private final Map<String, String> properties = new HashMap<>();
    private final Map<String, String> environment = new HashMap<>();

    private ExtractionCache locate() throws IOException {
        properties.putIfAbsent("java.io.tmpdir", Files.createDirectories(dir.resolve("tmp")).toString());
        properties.putIfAbsent("user.name", "alice");
        return ExtractionRoot.locate(properties::get, environment::get);
    }

    private Path home() throws IOException {
        return Files.createDirectories(dir.resolve("home"));
    }

    @Test
    void theSystemPropertyThenTheVariableNameTheFolderItself() throws IOException {
        properties.put("user.home", home().toString());
        environment.put(ExtractionCache.CACHE_DIR_VARIABLE, "/srv/cache");
        environment.put(ExtractionCache.ROOT_VARIABLE, "/from/variable");
        assertEquals(Path.of("/from/variable"), locate().root());
        properties.put(ExtractionCache.ROOT_PROPERTY, "/from/property");
        assertEquals(Path.of("/from/property"), locate().root());
    }

    @Test
    void theCacheDirVariableHoldsANativeSubfolder() throws IOException {
        properties.put("user.home", home().toString());
        environment.put("XDG_CACHE_HOME", dir.resolve("xdg").toString());
        environment.put(ExtractionCache.CACHE_DIR_VARIABLE, "/srv/faceembed-cache");
        assertEquals(Path.of("/srv/faceembed-cache/native"), locate().root());
    }

    @Test
    void theUserCacheIsUsedWhenItCanBeWritten() throws IOException {
        properties.put("user.home", home().toString());
        assertEquals(home().resolve(".cache/faceembed/native"), locate().root());
        assertTrue(Files.isDirectory(home().resolve(".cache/faceembed/native")));

        environment.put("XDG_CACHE_HOME", dir.resolve("xdg").toString());
        assertEquals(dir.resolve("xdg/faceembed/native"), locate().root());

        environment.put("XDG_CACHE_HOME", "relative/xdg");
        assertEquals(home().resolve(".cache/faceembed/native"), locate().root(), "a relative XDG_CACHE_HOME is ignored");
    }

    @Test
    void withoutAHomeTheCacheIsAPrivateFolderInTheTemporaryFolder() throws IOException {
        for (String unset : new String[]{null, "", "?"}) {
            properties.clear();
            if (unset != null) {
                properties.put("user.home", unset);
            }
            ExtractionCache cache = locate();
            Path folder = dir.resolve("tmp/faceembed-alice");
            assertEquals(folder.resolve("native"), cache.root(), "user.home " + unset);
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
            assertExtracts(cache);
        }
    }

    @Test
    void aHomeThatCannotBeWrittenFallsBackToTheTemporaryFolder() throws IOException {
        // Not a folder: nothing can be created below it, even by root (who may write to any read-only folder).
        Path home = Files.writeString(dir.resolve("home-file"), "");
        properties.put("user.home", home.toString());
        assertEquals(dir.resolve("tmp/faceembed-alice/native"), locate().root());
    }

    @Test
    void anUnnamedUserGetsAFolderNameAllTheSame() throws IOException {
        properties.put("user.name", "?");
        assertEquals(dir.resolve("tmp/faceembed-user/native"), locate().root());
    }

    @Test
    void aTemporaryFolderOthersCanWriteToIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("tmp/faceembed-alice"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertRefused(locate(), "faceembed-alice can be written by other users (rwxrwxrwx)");
    }

    @Test
    void aTemporaryFolderThatIsALinkIsRefused() throws IOException {
        Path target = Files.createDirectories(dir.resolve("elsewhere"));
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(dir.resolve("tmp"));
        Files.createSymbolicLink(dir.resolve("tmp/faceembed-alice"), target);
        assertRefused(locate(), "faceembed-alice is not a folder but a symbolic link");
    }

    @Test
    void aTemporaryFolderOfAnotherUserIsRefused() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("tmp/faceembed-alice"));
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        try {
            UserPrincipal nobody = folder.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName("nobody");
            Files.setOwner(folder, nobody);
        } catch (IOException e) {
            abort("giving a folder to another user needs root and a user 'nobody': " + e);
        }
        // Root can write into it, so the check must be by owner, not by whether a file can be created.
        assertRefused(locate(), "belongs to");
    }

    private void assertRefused(ExtractionCache cache, String reason) throws IOException {
        IOException e = assertThrows(IOException.class, () -> assertExtracts(cache));
        assertTrue(e.getMessage().startsWith("no folder to extract native libraries into") && e.getMessage()
                .contains(reason) && e.getMessage().endsWith("Set FACEEMBED_CACHE_DIR to a folder of your own"),
                e.getMessage());
    }

    private void assertExtracts(ExtractionCache cache) throws IOException {
        URL library = Files.writeString(dir.resolve("lib.so"), "bytes").toUri().toURL();
        try (var empty = new java.net.URLClassLoader(new URL[0], null)) {
            Path extracted = cache.extract(List.of(library), "libx.so", NativesManifest.of(empty, "none"));
            assertEquals("bytes", Files.readString(extracted));
        }
    }
}

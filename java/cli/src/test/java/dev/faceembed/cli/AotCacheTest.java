package dev.faceembed.cli;

import dev.faceembed.files.VerifiedFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** When an AOT cache is used, and when it is ignored: stale, from another jar, writable by others, turned off. */
class AotCacheTest {
    @TempDir
    Path dir;

    @Test
    void theJvmOptionsAreThoseBeforeMinusJarOfThisJar() throws IOException {
        Path jar = Files.writeString(dir.resolve("embed.jar"), "jar");
        Path other = Files.writeString(dir.resolve("other.jar"), "jar");
        assertEquals(Optional.of(List.of("-Xmx256m", "-Dx=y")),
                AotCache.jvmOptions(List.of("-Xmx256m", "-Dx=y", "-jar", jar.toString(), "encode"), jar));
        assertEquals(Optional.of(List.of()), AotCache.jvmOptions(List.of("-jar", jar.toString()), jar));
        assertEquals(Optional.empty(), AotCache.jvmOptions(List.of("-jar", other.toString()), jar), "another jar");
        assertEquals(Optional.empty(), AotCache.jvmOptions(List.of("-cp", jar.toString(), "Main"), jar), "no -jar");
        for (String archive : List.of("-XX:AOTCache=x.aot", "-XX:AOTMode=off", "-XX:SharedArchiveFile=a.jsa",
                "-Xshare:off")) {
            assertEquals(Optional.empty(), AotCache.jvmOptions(List.of(archive, "-jar", jar.toString()), jar),
                    archive + " is the user's own archive");
        }
    }

    @Test
    void oneCachePerJarPathJdkAndOptions() {
        Map<String, String> env = Map.of();
        String key = AotCache.key(Path.of("/a/embed.jar"), List.of("-Xmx1g"), env);
        assertEquals(key, AotCache.key(Path.of("/a/embed.jar"), List.of("-Xmx1g"), env));
        assertNotEquals(key, AotCache.key(Path.of("/b/embed.jar"), List.of("-Xmx1g"), env));
        assertNotEquals(key, AotCache.key(Path.of("/a/embed.jar"), List.of("-Xmx2g"), env));
        assertNotEquals(key, AotCache.key(Path.of("/a/embed.jar"), List.of("-Xmx1g"),
                Map.of("JDK_JAVA_OPTIONS", "-Xint")));
        assertEquals(Path.of("/x/faceembed/aot"), AotCache.folder(Map.of("XDG_CACHE_HOME", "/x")));
    }

    @Test
    void aCacheIsReadyOnlyWhileItAndTheJarAreAsWhenItWasMade() throws IOException {
        Path jar = Files.writeString(dir.resolve("embed.jar"), "jar");
        AotCache cache = new AotCache(dir.resolve("aot").resolve("k.aot"), jar, List.of());
        assertFalse(cache.ready(), "no cache yet");
        Files.createDirectories(cache.file().getParent());
        Files.writeString(cache.file(), "cache");
        assumeTrue(VerifiedFiles.privateIdentity(cache.file()).isPresent(), "needs Unix file attributes");
        assertFalse(cache.ready(), "a cache nobody stamped");
        cache.stampMade();
        assertTrue(cache.ready());

        Files.setPosixFilePermissions(cache.file(), PosixFilePermissions.fromString("rw-rw-rw-"));
        assertFalse(cache.ready(), "anyone could have written it");
        Files.setPosixFilePermissions(cache.file(), PosixFilePermissions.fromString("rw-r--r--"));
        cache.stampMade();
        assertTrue(cache.ready());

        Files.move(Files.writeString(dir.resolve("new.jar"), "jar"), jar, StandardCopyOption.REPLACE_EXISTING);
        assertFalse(cache.ready(), "the jar was replaced: the cache is stale");
    }

    @Test
    void aCacheChangedAfterItWasMadeIsNotUsed() throws IOException {
        Path jar = Files.writeString(dir.resolve("embed.jar"), "jar");
        AotCache cache = new AotCache(dir.resolve("aot").resolve("k.aot"), jar, List.of());
        Files.createDirectories(cache.file().getParent());
        Files.writeString(cache.file(), "cache");
        assumeTrue(VerifiedFiles.privateIdentity(cache.file()).isPresent(), "needs Unix file attributes");
        cache.stampMade();
        assertTrue(cache.ready());
        Files.writeString(cache.file(), "classes someone else put there");
        assertFalse(cache.ready(), "the JVM would run what the cache holds: a changed cache is not trusted");
    }

    @Test
    void onlyOnOrOffSwitchTheCacheAndAnythingElseTurnsItOff() {
        assertTrue(AotCache.switchedOn(""));
        assertTrue(AotCache.switchedOn("ON"));
        assertFalse(AotCache.switchedOn("off"));
        assertFalse(AotCache.switchedOn("0"), "a value that is neither on nor off is a mistake: no cache");
        assertFalse(AotCache.switchedOn("../../tmp/evil.aot"));
    }

    @Test
    void aFailureIsRememberedForTheJarItHappenedWith() throws IOException {
        Path jar = Files.writeString(dir.resolve("embed.jar"), "jar");
        AotCache cache = new AotCache(dir.resolve("aot").resolve("k.aot"), jar, List.of("-Xmx1g"));
        assumeTrue(VerifiedFiles.identity(jar).isPresent(), "needs Unix file attributes");
        assertFalse(cache.failedBefore());
        cache.stampFailed();
        assertTrue(cache.failedBefore());
        assertFalse(new AotCache(cache.file(), jar, List.of("-Xmx2g")).failedBefore(), "other options");
        Files.move(Files.writeString(dir.resolve("new.jar"), "jar"), jar, StandardCopyOption.REPLACE_EXISTING);
        assertFalse(cache.failedBefore(), "a new jar is tried again");
    }

    @Test
    void theJvmWithTheCacheGetsTheOptionsNativeAccessAndTheJar() {
        AotCache cache = new AotCache(Path.of("/c/k.aot"), Path.of("/j/embed.jar"), List.of("-Xmx256m"));
        List<String> command = cache.command(List.of("-XX:AOTCache=/c/k.aot"), List.of("Main", "encode"));
        assertEquals(List.of("-XX:AOTCache=/c/k.aot", "-Xlog:aot*=off,cds*=off", "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m", "-Dfaceembed.aot.cache=/c/k.aot", "-cp", "/j/embed.jar", "Main", "encode"),
                command.subList(1, command.size()));
    }
}

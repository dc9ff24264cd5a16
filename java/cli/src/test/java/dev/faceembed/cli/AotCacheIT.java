package dev.faceembed.cli;

import dev.faceembed.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code java -jar embed.jar} with its AOT cache, on a copy of the packaged jar and a cache folder of its own: the
 * first command makes the cache in the background, later ones run in a JVM started with it and look exactly the same
 * from outside (output, files, exit codes, SIGTERM), and a replaced jar or {@code FACEEMBED_AOT=off} is not run with
 * it.
 */
class AotCacheIT {
    private static final Path PACKAGED = Path.of("target", "embed.jar");
    private static final long CREATION_MINUTES = 10;

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    @Test
    void theCacheIsMadeOnceThenUsedAndIgnoredWhenStaleOrOff() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path jar = Files.copy(PACKAGED, dir.resolve("embed.jar"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.remove(AotCache.SWITCH_VARIABLE);
        AotCache cache = new AotCache(AotCache.folder(env).resolve(AotCache.key(jar, List.of(), env) + ".aot"), jar,
                List.of());

        assertEquals("-", aotCacheIn(run(jar, env, "info")), "the first command runs without a cache");
        awaitCreation(cache);
        assertEquals(cache.file().toString(), aotCacheIn(run(jar, env, "info")));

        Map<String, String> off = new HashMap<>(env);
        off.put(AotCache.SWITCH_VARIABLE, "off");
        assertEquals("-", aotCacheIn(run(jar, off, "info")), "FACEEMBED_AOT=off");

        Path face = dir.resolve("face.png");
        ImageIO.write(new BufferedImage(112, 112, BufferedImage.TYPE_3BYTE_BGR), "png", face.toFile());
        assertEquals(0, run(jar, env, "encode", "--input", face.toString(), "--output", "with.npy").exitCode());
        assertEquals(0, run(jar, off, "encode", "--input", face.toString(), "--output", "without.npy").exitCode());
        assertArrayEquals(floats(dir.resolve("without.npy")), floats(dir.resolve("with.npy")));

        Result missing = run(jar, env, "encode", "--input", "/nonexistent.png", "--output", "x.npy");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("input not found: /nonexistent.png"), missing.err());

        Files.move(Files.copy(PACKAGED, dir.resolve("rebuilt.jar")), jar, StandardCopyOption.REPLACE_EXISTING);
        assertFalse(cache.ready(), "a replaced jar makes the cache stale");
        assertEquals("-", aotCacheIn(run(jar, env, "info")), "a stale cache is not used");
        awaitCreation(cache);
    }

    @Test
    void sigtermReachesTheCommandThroughTheJvmThatStartedIt() throws Exception {
        assumeTrue(Runtime.version().feature() >= 25, "the AOT cache needs JDK 25");
        Path jar = Files.copy(PACKAGED, dir.resolve("embed.jar"));
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.remove(AotCache.SWITCH_VARIABLE);
        AotCache cache = new AotCache(AotCache.folder(env).resolve(AotCache.key(jar, List.of(), env) + ".aot"), jar,
                List.of());
        run(jar, env, "--version");
        awaitCreation(cache);

        Path crops = dir.resolve("many.npy");
        try (Arena arena = Arena.ofConfined()) {
            Npy.writeFloat32(crops, new long[]{500, 3, 112, 112}, arena.allocate(500L * 3 * 112 * 112 * Float.BYTES));
        }
        for (boolean kill : new boolean[]{false, true}) {
            Process parent = start(jar, env, "encode", "--input", crops.toString(), "--output", "out.npy",
                    "--batch", "8");
            awaitTemporaryFile(parent);
            List<ProcessHandle> children = parent.descendants().toList();
            assertFalse(children.isEmpty(), "the command runs in a JVM of its own");
            if (kill) {
                parent.destroyForcibly();
            } else {
                parent.destroy();
            }
            assertTrue(parent.waitFor(1, TimeUnit.MINUTES));
            for (ProcessHandle child : children) {
                child.onExit().get(1, TimeUnit.MINUTES);
            }
            assertEquals(List.of(), temporaryFiles(), (kill ? "kill -9" : "SIGTERM")
                    + " of the JVM that waits ends the command, which deletes its temporary files");
            assertFalse(Files.exists(dir.resolve("out.npy")));
        }
    }

    private Process start(Path jar, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private Result run(Path jar, Map<String, String> env, String... args) throws Exception {
        Process p = start(jar, env, args);
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
            try {
                return p.getErrorStream().readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "embed " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), out, new String(err.get(), StandardCharsets.UTF_8));
    }

    /** The {@code aot_cache} line of {@code embed info}: the cache the command ran with, or "-". */
    private static String aotCacheIn(Result info) {
        assertEquals(0, info.exitCode(), info.err());
        return info.out().lines().filter(l -> l.trim().startsWith("aot_cache:")).findFirst()
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElseThrow(() -> new AssertionError(info.out()));
    }

    private static void awaitCreation(AotCache cache) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(CREATION_MINUTES);
        while (!cache.ready()) {
            if (Files.exists(cache.log()) && cache.failedBefore()) {
                fail("making the AOT cache failed: " + Files.readString(cache.log()));
            }
            if (System.nanoTime() > deadline) {
                fail("no AOT cache after " + CREATION_MINUTES + " minutes: " + cache.file());
            }
            Thread.sleep(500);
        }
    }

    private void awaitTemporaryFile(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (temporaryFiles().isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(temporaryFiles().isEmpty(), "the run writes into a temporary file");
    }

    private List<Path> temporaryFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static float[] floats(Path npy) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            return Npy.read(npy, arena).data().toArray(ValueLayout.JAVA_FLOAT);
        }
    }
}

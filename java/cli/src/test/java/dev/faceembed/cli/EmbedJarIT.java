package dev.faceembed.cli;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The packaged embed.jar, started the way users start it: {@code java -jar embed.jar ...} with no JVM flags. */
class EmbedJarIT {
    private static final Path JAR = Path.of("target", "embed.jar");

    record Result(int exitCode, String output) {
    }

    private static Result run(String java, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // No AOT cache made in the background of every test run; AotCacheIT covers it.
        builder.environment().put(AotCache.SWITCH_VARIABLE, "off");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        return new Result(p.exitValue(), output);
    }

    private static String thisJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void benchmarkRunsFromTheJarWithoutFlags() throws Exception {
        Result r = run(thisJava(), "benchmark", "--batch", "2", "--iterations", "2", "--warmup", "1", "--json", "-");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("\"throughput_fps\""), r.output());
        assertTrue(!r.output().contains("WARNING: A restricted method"), "native access is enabled by the manifest");
    }

    @Test
    void exitCodesReachTheShell() throws Exception {
        assertEquals(0, run(thisJava(), "--version").exitCode());
        assertEquals(2, run(thisJava(), "encode", "--input", "/nonexistent", "--output", "x.npy").exitCode());
    }

    @Test
    void quietSilencesInfoAndNoProgressBarLeaksIntoAPipe() throws Exception {
        Path dir = Files.createTempDirectory("quiet");
        try {
            Path crop = dir.resolve("face.png");
            ImageIO.write(new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB), "png", crop.toFile());
            String[] encode = {"encode", "--input", crop.toString(), "--output", dir.resolve("x.npy").toString()};
            Result loud = run(thisJava(), encode);
            assertEquals(0, loud.exitCode(), loud.output());
            assertTrue(loud.output().contains("INFO") && loud.output().contains("wrote 1 embeddings"), loud.output());
            assertTrue(!loud.output().contains("\r"), "stderr is a pipe here: no progress bar");
            String[] quietEncode = new String[encode.length + 1];
            quietEncode[0] = "-q";
            System.arraycopy(encode, 0, quietEncode, 1, encode.length);
            Result quiet = run(thisJava(), quietEncode);
            assertEquals(0, quiet.exitCode(), quiet.output());
            assertEquals("", quiet.output(), "-q leaves nothing to say for a run that went well");
        } finally {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
    }

    @Test
    void anOlderJavaRelaunchesWithAJdk22OrSaysWhatIsMissing() throws Exception {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        assumeTrue(Files.isExecutable(java17), "needs a Java 17 at " + java17 + " to start the jar with");
        Result r = run(java17.toString(), "--version");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("embed "), r.output());
    }
}

package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.bindings.testing.OnnxModelWriter;
import dev.faceembed.io.Npy;
import dev.faceembed.testing.HostileImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * {@code embed} against files and options that try to escape, exhaust or corrupt: every case runs the command as a
 * user would (the packaged embed.jar in a JVM of its own, with a 256 MB heap where memory is the attack, else the
 * CLI in this JVM) and checks the exit code, that the message names the file and the problem, and that no output or
 * temporary file is left inconsistent.
 *
 * <p>The library-level halves of the same cases: {@code ExternalDataTest} (external tensor data),
 * {@code ImageDecoderTest} (bombs, damaged and CMYK images, EXIF orientation), {@code NpyTest} (headers),
 * {@code PipelineConfigLoaderTest} (typed flags and variables, duplicate keys, thread limits),
 * {@code OnnxRuntimeBackendTest} (gigantic inputs, batch limits, outputs without a direction),
 * {@code BatchingEmbedderTest} (shutdown strands no caller), {@code ExtractionCacheTest} and
 * {@code EngineCacheTest} (caches verify what they load and follow no link), {@code AtomicFileTest} (temporary
 * files).
 */
class HostileInputIT {
    private static final Path JAR = Path.of("target", "embed.jar").toAbsolutePath();
    private static final CropSize CROP = new CropSize(112, 112);

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** The CLI in this JVM: exit code, stdout, and the errors it prints (log lines go to the JVM's stderr). */
    private static Result inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EmbedCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static Process start(List<String> jvm, Map<String, String> env, Path workDir, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvm);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        // One JVM per run, as kill -9 of the run expects; AotCacheIT covers runs through the AOT cache.
        builder.environment().put(AotCache.SWITCH_VARIABLE, "off");
        builder.environment().putAll(env);
        return builder.start();
    }

    /** embed.jar in a JVM of its own with a 256 MB heap: a bomb that gets through dies of OutOfMemoryError. */
    private Result child(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process p = start(List.of("-Xmx256m"), env, dir, args);
        p.getOutputStream().close();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "embed " + String.join(" ", args) + " did not finish");
        return new Result(p.exitValue(), stdout, stderr.join());
    }

    private Result child(String... args) throws IOException, InterruptedException {
        return child(Map.of(), args);
    }

    private static void assertRefused(Result r, int code, String... fragments) {
        assertEquals(code, r.exitCode(), r.all());
        for (String fragment : fragments) {
            assertTrue(r.all().contains(fragment), "expected '" + fragment + "' in:\n" + r.all());
        }
        assertFalse(r.all().contains("OutOfMemoryError") || r.all().contains("\tat "), "no trace:\n" + r.all());
    }

    private List<String> temporaryFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith(".") && name.endsWith(".tmp")).toList();
        }
    }

    private Path image(String name, int seed) throws IOException {
        BufferedImage crop = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 112; y++) {
            for (int x = 0; x < 112; x++) {
                crop.setRGB(x, y, (x * 2 + seed * 40) << 16 | (y * 2) << 8 | (x + y + seed) & 0xff);
            }
        }
        return Files.write(dir.resolve(name), HostileImages.encode(crop, "png"));
    }

    /** {@code rows} uint8 RGB crops of 112x112 as a .npy array. */
    private Path cropArray(String name, int rows) throws IOException {
        long bytes = (long) rows * CropLayout.UINT8_HWC_RGB.cropBytes(112, 112);
        String dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + rows + ", 112, 112, 3), }";
        return npy(name, dict, bytes);
    }

    /** A version 1.0 .npy file with this header dict and {@code dataBytes} bytes of pattern data. */
    private Path npy(String name, String dict, long dataBytes) throws IOException {
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer start = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        start.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0)
                .putShort((short) header.length());
        Path file = dir.resolve(name);
        try (var out = Files.newOutputStream(file)) {
            out.write(start.array());
            out.write(header.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 16];
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (i * 31 + i / 112);
            }
            for (long left = dataBytes; left > 0; left -= block.length) {
                out.write(block, 0, (int) Math.min(left, block.length));
            }
        }
        return file;
    }

    /** 1. A model cannot read files outside its folder, and ONNX Runtime's own log lines never reach the user raw. */
    @Test
    void aModelCannotReadFilesOutsideItsFolder() throws Exception {
        Path outside = Files.write(dir.resolveSibling(dir.getFileName() + "-weights.bin"), new byte[48 * 4]);
        try {
            Path models = Files.createDirectory(dir.resolve("models"));
            Files.createSymbolicLink(models.resolve("link.bin"), outside);
            Map<String, String> cases = Map.of("passwd.onnx", "/etc/passwd", "dotdot.onnx",
                    "../../../../etc/passwd", "link.onnx", "link.bin");
            for (var c : cases.entrySet()) {
                byte[] model = new OnnxModelWriter()
                        .input("pixels", OnnxModelWriter.FLOAT, "N", 3L, 4L, 4L)
                        .node("Flatten", List.of("pixels"), List.of("flat"))
                        .node("Add", List.of("flat", "w"), List.of("embedding"))
                        .output("embedding", OnnxModelWriter.FLOAT, "N", 48L)
                        .externalInitializer("w", new long[]{48}, Map.of("location", c.getValue()))
                        .build();
                Path file = Files.write(models.resolve(c.getKey()), model);
                Result r = inProcess("benchmark", "--model", file.toString(), "--batch", "1", "--iterations", "1");
                assertRefused(r, 2, file.toString(), "keeps its data in external file");
            }
            byte[] unknownOp = new OnnxModelWriter()
                    .input("pixels", OnnxModelWriter.FLOAT, "N", 3L, 112L, 112L)
                    .node("NoSuchOperator", List.of("pixels"), List.of("embedding"))
                    .output("embedding", OnnxModelWriter.FLOAT, "N", 512L)
                    .build();
            Path broken = Files.write(models.resolve("broken.onnx"), unknownOp);
            Result r = child("benchmark", "--model", broken.toString(), "--batch", "1", "--iterations", "1");
            assertRefused(r, 2, "broken.onnx", "NoSuchOperator");
            assertFalse(r.all().contains("[E:onnxruntime") || r.all().contains("\u001b["),
                    "ONNX Runtime's raw log line goes through the logger:\n" + r.all());
        } finally {
            Files.delete(outside);
        }
    }

    /** 2. A small file cannot take gigabytes: refused from its header, or subsampled while it is decoded. */
    @Test
    void smallFilesCannotTakeGigabytes() throws Exception {
        Path bomb = Files.write(dir.resolve("bomb.png"), HostileImages.pngBomb(40_000, 40_000));
        assertTrue(Files.size(bomb) < 100);
        assertRefused(child("encode", "--input", bomb.toString(), "--output", "bomb.npy"), 2, "bomb.png",
                "40000x40000", "input.max_image_pixels");
        Path huge = HostileImages.uniformPng(dir.resolve("huge.png"), 20_000, 20_000, 0x808080);
        assertTrue(Files.size(huge) < 2_000_000, "a 20000x20000 PNG of " + Files.size(huge) + " bytes");
        assertRefused(child("encode", "--input", huge.toString(), "--output", "huge.npy"), 2, "huge.png",
                "20000x20000 (400.0 megapixels)");
        HostileImages.uniformPng(dir.resolve("large.png"), 7_000, 7_000, 0x506070);
        Result large = child("encode", "--input", "large.png", "--output", "large.npy");
        assertEquals(0, large.exitCode(), "49 megapixels decode, subsampled, in a 256 MB heap:\n" + large.all());

        byte[] header = ByteBuffer.allocate(14).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x93)
                .put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 2).put((byte) 0).putInt(0x7fffffff)
                .array();
        Path npyBomb = Files.write(dir.resolve("header.npy"), header);
        assertRefused(child("encode", "--input", npyBomb.toString(), "--output", "n.npy"), 2, "header.npy",
                "header");
        assertTrue(temporaryFiles(dir).isEmpty(), temporaryFiles(dir).toString());
    }

    /** 8. Malformed .npy headers: exit 2 and the field named, never a bounds or overflow message. */
    @Test
    void malformedArrayHeadersNameTheField() throws IOException {
        Map<String, String> cases = Map.of(
                "{'descr': '|u1', 'fortran_order': False, 'shape': (-1, 112, 112, 3), }", "non-negative",
                "{'descr': '|u1', 'fortran_order': False, 'shape': (99999999999999999999, 112, 112, 3), }",
                "too large",
                "{'descr': '|u1', 'fortran_order': False, 'shape': (2L, 112, 112, 3), }", "Python 2",
                "{'descr': '|u1', 'descr': '|u1', 'fortran_order': False, 'shape': (2, 112, 112, 3), }",
                "duplicate key 'descr'",
                "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 112, 112, 3), 'extra': 1, }",
                "unknown key 'extra'");
        int i = 0;
        for (var c : cases.entrySet()) {
            Path file = npy("bad" + i++ + ".npy", c.getKey(), 0);
            Result r = inProcess("encode", "--input", file.toString(), "--output", dir.resolve("o.npy").toString());
            assertRefused(r, 2, file.getFileName().toString(), ".npy header", c.getValue());
        }
        assertFalse(Files.exists(dir.resolve("o.npy")));
    }

    /** 3. Outputs are replaced together or not at all, and a write failure is a runtime failure with its cause. */
    @Test
    void outputsStayConsistent() throws IOException {
        Path crops = Files.createDirectory(dir.resolve("crops"));
        Files.move(image("a.png", 1), crops.resolve("a.png"));
        Files.move(image("b.png", 2), crops.resolve("b.png"));
        Path out = dir.resolve("out.npy");
        Path files = dir.resolve("out.npy.files.txt");
        assertEquals(0, inProcess("encode", "--input", crops.toString(), "--output", out.toString()).exitCode());
        byte[] oldEmbeddings = Files.readAllBytes(out);
        String oldFiles = Files.readString(files);
        assertEquals(crops.resolve("a.png") + "\n" + crops.resolve("b.png") + "\n", oldFiles);

        Path cmyk = Files.write(dir.resolve("cmyk.jpg"), HostileImages.cmykJpeg(HostileImages.asymmetric(112, 112)));
        assertRefused(inProcess("encode", "--input", cmyk.toString(), "--output", out.toString()), 2, "cmyk.jpg",
                "CMYK");
        assertArrayEquals(oldEmbeddings, Files.readAllBytes(out), "a failed run leaves the old embeddings");
        assertEquals(oldFiles, Files.readString(files), "and the old file list with them");
        assertTrue(temporaryFiles(dir).isEmpty(), temporaryFiles(dir).toString());

        Path folderOutput = Files.createDirectory(dir.resolve("taken.npy"));
        assertRefused(inProcess("encode", "--input", crops.toString(), "--output", folderOutput.toString()), 2,
                "taken.npy", "is a folder");

        Path array = cropArray("three.npy", 3);
        assertEquals(0, inProcess("encode", "--input", array.toString(), "--output", out.toString()).exitCode());
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(new long[]{3, 512}, Npy.read(out, arena).shape());
        }
        assertFalse(Files.exists(files), "the list of an earlier image run would name rows it no longer has");

        Result unwritable = inProcess("encode", "--input", array.toString(), "--output", "/proc/x.npy");
        assertRefused(unwritable, 1, "cannot write /proc/x.npy");
        assertFalse(unwritable.err().matches("(?s).*tmp\\s*$"), "the cause is given: " + unwritable.err());
    }

    /** 3. An interrupted run leaves no temporary file: SIGTERM deletes its own, the next run those of a kill -9. */
    @Test
    void interruptedRunsLeaveNoTemporaryFiles() throws Exception {
        Path array = cropArray("many.npy", 2000);
        for (boolean kill : new boolean[]{false, true}) {
            Process p = start(List.of(), Map.of(), dir, "encode", "--input", array.toString(), "--output", "out.npy",
                    "--batch", "8");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (temporaryFiles(dir).isEmpty() && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(20);
            }
            assertFalse(temporaryFiles(dir).isEmpty(), "the run writes into a temporary file");
            if (kill) {
                p.destroyForcibly();
            } else {
                p.destroy();
            }
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            if (kill) {
                assertFalse(temporaryFiles(dir).isEmpty(), "kill -9 runs no clean-up");
            } else {
                assertEquals(List.of(), temporaryFiles(dir), "SIGTERM deletes the run's temporary files");
            }
            assertFalse(Files.exists(dir.resolve("out.npy")));
        }
        Path small = cropArray("small.npy", 2);
        assertEquals(0, inProcess("encode", "--input", small.toString(), "--output",
                dir.resolve("out.npy").toString()).exitCode());
        assertEquals(List.of(), temporaryFiles(dir), "the next run of the same output removes a dead run's files");
    }

    /** 4. A damaged image is an error naming it, or a skipped input listed with its reason; never an embedding. */
    @Test
    void aDamagedImageIsAnErrorNotAWrongEmbedding() throws IOException {
        Path cut = Files.write(dir.resolve("cut.jpg"), HostileImages.truncatedJpeg(HostileImages.asymmetric(400, 400)));
        assertRefused(inProcess("encode", "--input", cut.toString(), "--output", dir.resolve("c.npy").toString()), 2,
                "cut.jpg", "damaged");

        Path crops = Files.createDirectory(dir.resolve("crops"));
        Files.move(image("good.png", 1), crops.resolve("good.png"));
        Files.copy(cut, crops.resolve("cut.jpg"));
        Files.write(crops.resolve("cmyk.jpg"), HostileImages.cmykJpeg(HostileImages.asymmetric(112, 112)));
        Path out = dir.resolve("folder.npy");
        assertEquals(0, inProcess("encode", "--input", crops.toString(), "--output", out.toString()).exitCode());
        try (Arena arena = Arena.ofConfined()) {
            assertArrayEquals(new long[]{1, 512}, Npy.read(out, arena).shape());
        }
        assertEquals(crops.resolve("good.png") + "\n", Files.readString(dir.resolve("folder.npy.files.txt")));
        List<String> errors = Files.readAllLines(dir.resolve("folder.npy.errors.txt"));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(crops.resolve("cmyk.jpg") + "\t") && errors.get(0).contains("CMYK"));
        assertTrue(errors.get(1).startsWith(crops.resolve("cut.jpg") + "\t") && errors.get(1).contains("damaged"));

        Result failing = inProcess("encode", "--input", crops.toString(), "--output", out.toString(), "--on-error",
                "fail");
        assertRefused(failing, 2, "cmyk.jpg");
    }

    /** 5. Option values are strings: a model named like YAML is the file of that name. */
    @Test
    void optionValuesAreTakenVerbatim() throws IOException {
        for (String name : List.of("null", "~", "my model #2.onnx", "*x.onnx", "!x.onnx", "&x.onnx", "[x.onnx",
                "%x.onnx", "@x.onnx", "'x.onnx")) {
            Result r = inProcess("benchmark", "--model", dir.resolve(name).toString(), "--iterations", "1");
            assertRefused(r, 2, dir.resolve(name).toString());
            assertFalse(r.err().toLowerCase().contains("yaml") || r.err().contains("scanner"), r.err());
        }
        Path renamed = dir.resolve("my model #2.onnx");
        Files.copy(Path.of("..", "..", "models", "fr_feature_dynbatch.onnx"), renamed);
        Result r = inProcess("benchmark", "--model", renamed.toString(), "--batch", "1", "--iterations", "1",
                "--warmup", "0");
        assertEquals(0, r.exitCode(), r.all());

        Path config = Files.writeString(dir.resolve("dup.yaml"), "embedding:\n  backend: onnxruntime\n"
                + "  backend: tensorrt\n");
        assertRefused(inProcess("info", "--config", config.toString()), 2, "dup.yaml:3", "duplicate key");
    }

    /** 5. An unknown FACEEMBED_* variable is warned about, with the near miss. */
    @Test
    void anUnknownVariableIsWarnedAbout() throws Exception {
        Result r = child(Map.of("FACEEMBED_ONNXRUNTIME_SESIONS", "2"), "info");
        assertEquals(0, r.exitCode(), r.all());
        assertTrue(r.err().contains("FACEEMBED_ONNXRUNTIME_SESIONS is not a faceembed setting and is ignored; did you"
                + " mean FACEEMBED_ONNXRUNTIME_SESSIONS?"), r.err());
    }

    /**
     * 6. File names: any byte but / and NUL, in any locale; what is not an image file is reported with the reason;
     * the file list escapes control characters.
     */
    @Test
    void oddFileNamesAreReadOrReportedInAnyLocale() throws Exception {
        Path crops = Files.createDirectory(dir.resolve("crops"));
        Files.move(image("x.png", 1), crops.resolve("line\nbreak.png"));
        Files.move(image("x.png", 2), crops.resolve("été.png"));
        Path bmp = crops.resolve("z.bmp");
        Files.write(bmp, HostileImages.encode(HostileImages.asymmetric(112, 112), "bmp"));
        Files.move(image("x.png", 3), crops.resolve("latin.png"));
        Process rename = new ProcessBuilder("/bin/sh", "-c", "mv latin.png \"$(printf 'caf\\351.png')\"")
                .directory(crops.toFile()).start();
        assertEquals(0, rename.waitFor());
        Files.createDirectory(crops.resolve("folder.png"));
        Files.createSymbolicLink(crops.resolve("broken.png"), crops.resolve("nowhere.png"));
        Files.createSymbolicLink(crops.resolve("loop.png"), crops.resolve("loop.png"));

        for (String locale : List.of("C", "C.UTF-8")) {
            Map<String, String> env = new HashMap<>(Map.of("LANG", locale, "LC_ALL", locale));
            Result r = child(env, "encode", "--input", crops.toString(), "--output", "odd.npy");
            assertEquals(0, r.exitCode(), locale + ":\n" + r.all());
            try (Arena arena = Arena.ofConfined()) {
                assertArrayEquals(new long[]{4, 512}, Npy.read(dir.resolve("odd.npy"), arena).shape(), locale);
            }
            List<String> listed = Files.readAllLines(dir.resolve("odd.npy.files.txt"));
            assertEquals(4, listed.size(), listed.toString());
            assertTrue(listed.contains(crops.resolve("line\\nbreak.png").toString()), locale + ": " + listed);
            String errors = Files.readString(dir.resolve("odd.npy.errors.txt"));
            assertTrue(errors.contains("broken.png\tnot read: a symbolic link to nothing"), errors);
            assertTrue(errors.contains("loop.png\tnot read: a symbolic link loop"), errors);
            assertTrue(errors.contains("folder.png\tnot read: a folder"), errors);
            assertTrue(r.err().contains("not read: ") && r.err().contains("folder.png"), r.err());
        }
    }

    /** 7. Limits that protect the machine: refused with the number that fits, or buffers sized by the work. */
    @Test
    void limitsProtectTheMachine() throws Exception {
        Path crops = Files.createDirectory(dir.resolve("crops"));
        for (int i = 0; i < 3; i++) {
            Files.move(image("c" + i + ".png", i), crops.resolve("c" + i + ".png"));
        }
        Result huge = child("encode", "--input", crops.toString(), "--output", "b.npy", "--batch", "2000000000");
        assertEquals(0, huge.exitCode(), "buffers hold min(batch, files) crops:\n" + huge.all());

        assertRefused(inProcess("benchmark", "--max-batch", "65536", "--batch", "1", "--iterations", "1"), 2,
                "embedding.max_batch_size 65536", "use at most");
        assertRefused(inProcess("benchmark", "--batch", "2000000000", "--iterations", "1"), 2,
                "--batch 2000000000", "use at most");
        assertRefused(inProcess("benchmark", "--sessions", "64", "--intra-op-threads", "1024", "--iterations", "1"),
                2, "asks for 65536 ONNX Runtime threads", "onnxruntime.allow_oversubscription");

        byte[] gigantic = new OnnxModelWriter()
                .input("x", OnnxModelWriter.FLOAT, "N", 3L, 100_000L, 100_000L)
                .node("ReduceMean", List.of("x"), List.of("m"))
                .node("Flatten", List.of("m"), List.of("out"))
                .output("out", OnnxModelWriter.FLOAT, "N", 1L)
                .build();
        Path model = Files.write(dir.resolve("gigantic.onnx"), gigantic);
        assertRefused(inProcess("benchmark", "--model", model.toString(), "--iterations", "1"), 2, "gigantic.onnx",
                "larger than a face crop");
    }

    /** 11. Embeddings without a direction are refused, not written as rows of zeros. */
    @Test
    void outputWithoutADirectionIsRefused() throws IOException {
        byte[] zeros = new OnnxModelWriter()
                .input("pixels", OnnxModelWriter.FLOAT, "N", 3L, 112L, 112L)
                .node("Flatten", List.of("pixels"), List.of("flat"))
                .node("Mul", List.of("flat", "zero"), List.of("embedding"))
                .initializer("zero", new long[]{1}, new float[]{0f})
                .output("embedding", OnnxModelWriter.FLOAT, "N", 37632L)
                .build();
        Path model = Files.write(dir.resolve("zeros.onnx"), zeros);
        Path array = cropArray("two.npy", 2);
        assertRefused(inProcess("encode", "--model", model.toString(), "--input", array.toString(), "--output",
                dir.resolve("z.npy").toString()), 2, "has norm 0.0");
        assertFalse(Files.exists(dir.resolve("z.npy")));
    }
}

package dev.faceembed.cli;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.FaceBatch;
import dev.faceembed.files.Json;
import dev.faceembed.io.Npy;
import dev.faceembed.preprocess.ImageCrops;
import dev.faceembed.preprocess.SyntheticCrops;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI in-process: commands, outputs and exit codes. */
class EmbedCliTest {
    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = EmbedCli.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Run help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("benchmark") && help.out().contains("encode"), help.out());
        assertTrue(help.out().contains("requested backend unavailable"), help.out());
        Run benchmarkHelp = run("benchmark", "--help");
        assertTrue(benchmarkHelp.out().contains("Default: 32"), benchmarkHelp.out());
        assertFalse(benchmarkHelp.out().contains("drift"), "benchmark cannot end in a drift failure");
        Run cacheHelp = run("cache", "list", "--help");
        assertFalse(cacheHelp.out().contains("--mean") || cacheHelp.out().contains("--model"),
                "cache commands take no model options: " + cacheHelp.out());
        Run compareHelp = run("compare", "--help");
        assertFalse(compareHelp.out().contains("--backend") || compareHelp.out().contains("--fallback"),
                "compare names its two backends and never falls back: " + compareHelp.out());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("encode", "--output", "x.npy").exitCode());
        assertEquals(2, run("benchmark", "--batch", "0").exitCode());
        assertEquals(2, run("benchmark", "--backend", "tensorflow").exitCode());
        assertEquals(2, run("no-such-command").exitCode());
        Run missingModel = run("benchmark", "--model", dir.resolve("missing.onnx").toString());
        assertEquals(2, missingModel.exitCode());
        assertTrue(missingModel.err().contains("model file not found"), missingModel.err());
        assertFalse(missingModel.err().contains("\tat "), "no stack trace without -v");
    }

    @Test
    void benchmarkPrintsATableAndWritesJson() throws IOException {
        Path json = dir.resolve("bench.json");
        Run r = run("benchmark", "--batch", "2", "--iterations", "3", "--warmup", "1", "--json", json.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("throughput") && r.out().contains("faces/s"), r.out());
        String text = Files.readString(json);
        for (String key : List.of("\"backend\": \"onnxruntime\"", "\"batch_size\": 2", "\"embedding_dim\": 512",
                "\"throughput_fps\"", "\"latency_ms\"", "\"p99\"")) {
            assertTrue(text.contains(key), key + " in " + text);
        }
    }

    /**
     * The keys of the original tool's diagnostics keep their names, types and values, so dashboards that read them
     * keep working: latency_ms a number (the mean), regression_test "passed" or "failed" (null when nothing was
     * validated); what is new sits under new keys. With --json alone stdout holds that one document.
     */
    @Test
    @SuppressWarnings("unchecked")
    void jsonKeepsTheOriginalToolsShapeAndPipes() {
        Run bench = run("benchmark", "--batch", "2", "--iterations", "3", "--warmup", "1", "--json");
        assertEquals(0, bench.exitCode(), bench.err());
        Map<String, Object> b = Json.parseObject(bench.out(), "stdout");
        assertTrue(bench.err().contains("throughput"), "the report goes to stderr: " + bench.err());
        assertInstanceOf(String.class, b.get("backend"));
        assertTrue(b.containsKey("engine_path"));
        assertInstanceOf(String.class, b.get("precision"));
        assertEquals(2, ((Number) b.get("batch_size")).intValue());
        assertEquals(512, ((Number) b.get("embedding_dim")).intValue());
        assertInstanceOf(Number.class, b.get("throughput_fps"));
        assertInstanceOf(Number.class, b.get("latency_ms"));
        assertTrue(b.containsKey("vram_mb"));
        Map<String, Object> percentiles = (Map<String, Object>) b.get("latency_ms_percentiles");
        assertEquals(((Number) b.get("latency_ms")).doubleValue(), ((Number) percentiles.get("mean")).doubleValue());
        Map<String, Object> validation = (Map<String, Object>) b.get("validation");
        assertTrue(validation.containsKey("drift_vs_reference") && validation.get("regression_test") == null);

        Run compare = run("compare", "--reference", "onnxruntime", "--candidate", "onnxruntime", "--n-samples", "2",
                "--json", "-");
        assertEquals(0, compare.exitCode(), compare.err());
        Map<String, Object> c = Json.parseObject(compare.out(), "stdout");
        assertEquals("passed", ((Map<String, Object>) c.get("validation")).get("regression_test"));
        assertInstanceOf(Number.class, c.get("throughput_fps"));
    }

    @Test
    void aMistypedOptionIsOneLineWithAHint() {
        Run r = run("benchmark", "--iteratoins", "3");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("embed: Unknown option") && r.err().contains("'--iteratoins'"), r.err());
        assertTrue(r.err().contains("did you mean --iterations?") && r.err().contains("see 'embed benchmark --help'"),
                r.err());
        assertTrue(r.err().lines().count() <= 3, "no wall of help: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void versionNamesEveryNativeComponent() {
        Run r = run("--version");
        assertEquals(0, r.exitCode());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.getFirst().startsWith("embed "), r.out());
        for (String component : List.of("ONNX Runtime 1.", "faceembed_trt shim ", "CUDA runtime ", "CUDA driver ",
                "TensorRT ")) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(component)), component + " in " + r.out());
        }
    }

    @Test
    void encodeAFolderWritesRowsInFileNameOrderAndTheFileList() throws IOException {
        Path crops = Files.createDirectories(dir.resolve("crops"));
        List<BufferedImage> images;
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = FaceBatch.allocate(arena, CropLayout.UINT8_HWC_RGB, new CropSize(112, 112), 3);
            SyntheticCrops.fill(batch, 5);
            images = List.of(image(batch, 0), image(batch, 1), image(batch, 2));
        }
        ImageIO.write(images.get(0), "png", crops.resolve("b.png").toFile());
        ImageIO.write(images.get(1), "png", crops.resolve("a.png").toFile());
        ImageIO.write(images.get(2), "png", crops.resolve("c.png").toFile());
        Files.writeString(crops.resolve("notes.txt"), "not an image");

        Path output = dir.resolve("out.npy");
        Run r = run("encode", "--input", crops.toString(), "--output", output.toString(), "--batch", "2");
        assertEquals(0, r.exitCode(), r.err());

        assertEquals(List.of(crops.resolve("a.png").toString(), crops.resolve("b.png").toString(),
                crops.resolve("c.png").toString()), Files.readAllLines(dir.resolve("out.npy.files.txt")));
        try (Arena arena = Arena.ofConfined(); EmbeddingBackend backend = EmbeddingBackends.create()) {
            float[][] expected = ImageCrops.encodeImages(backend, List.of(images.get(1), images.get(0), images.get(2))).toArray();
            Npy.Array written = Npy.read(output, arena);
            assertArrayEquals(new long[]{3, 512}, written.shape());
            for (int row = 0; row < 3; row++) {
                float[] actual = written.data().asSlice(row * 512L * 4, 512L * 4).toArray(ValueLayout.JAVA_FLOAT);
                assertArrayEquals(expected[row], actual, 1e-6f, "row " + row);
            }
        }
    }

    @Test
    void encodeRejectsAnArrayOfTheWrongShape() throws IOException {
        Path bad = dir.resolve("bad.npy");
        try (Arena arena = Arena.ofConfined()) {
            Npy.writeFloat32(bad, new long[]{2, 3, 4}, arena.allocate(2 * 3 * 4 * 4));
        }
        Run r = run("encode", "--input", bad.toString(), "--output", dir.resolve("o.npy").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("expected float32 (N, 3, 112, 112)"), r.err());
        assertFalse(Files.exists(dir.resolve("o.npy")));
    }

    private static BufferedImage image(FaceBatch batch, int index) {
        BufferedImage image = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        var crop = batch.crop(index);
        for (int p = 0; p < 112 * 112; p++) {
            int r = Byte.toUnsignedInt(crop.get(ValueLayout.JAVA_BYTE, 3L * p));
            int g = Byte.toUnsignedInt(crop.get(ValueLayout.JAVA_BYTE, 3L * p + 1));
            int b = Byte.toUnsignedInt(crop.get(ValueLayout.JAVA_BYTE, 3L * p + 2));
            image.setRGB(p % 112, p / 112, (r << 16) | (g << 8) | b);
        }
        return image;
    }
}

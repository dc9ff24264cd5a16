package dev.faceembed.cli;

import dev.faceembed.config.PipelineConfigLoader;
import dev.faceembed.detect.FacePipeline;
import dev.faceembed.detect.PhotoDecoder;
import dev.faceembed.detect.PhotoFaces;
import dev.faceembed.files.Json;
import dev.faceembed.io.Npy;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.faceembed.cli.EmbedCliTest.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code embed detect} and {@code embed encode --detect} on real photos: rows per face, photos without one listed. */
class FaceCommandsTest {
    private static final Path PHOTOS = Path.of("..", "core", "src", "test", "resources", "photos");

    @TempDir
    Path dir;

    private Path photos;

    /** The portrait (one face), the group photo, a file that is no photo and a photo without a face. */
    @BeforeEach
    void photos() throws IOException {
        photos = Files.createDirectory(dir.resolve("photos"));
        Files.copy(PHOTOS.resolve("grace_hopper.jpg"), photos.resolve("a.jpg"));
        Files.copy(PHOTOS.resolve("group.jpg"), photos.resolve("b.jpg"));
        Files.writeString(photos.resolve("c.jpg"), "not a photo");
        ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png",
                photos.resolve("d.png").toFile());
    }

    private static List<Map<String, Object>> jsonLines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .map(line -> Json.parseObject(line, file.toString())).toList();
    }

    @Test
    void detectWritesOneRowPerFaceListsTheRestAndSavesCrops() throws IOException {
        Path out = dir.resolve("boxes.jsonl");
        Path crops = dir.resolve("crops");
        EmbedCliTest.Run r = run("detect", "--input", photos.toString(), "--output", out.toString(), "--save-crops",
                crops.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<Map<String, Object>> rows = jsonLines(out);
        assertTrue(rows.size() >= 2, rows.toString());
        assertEquals(photos.resolve("a.jpg").toString(), rows.getFirst().get("file"));
        assertEquals(List.of("file", "face", "box", "score", "landmarks"), List.copyOf(rows.getFirst().keySet()));
        assertEquals(10, ((List<?>) rows.getFirst().get("landmarks")).size());
        List<String> errors = Files.readAllLines(dir.resolve("boxes.jsonl.errors.txt"));
        assertEquals(2, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith(photos.resolve("c.jpg") + "\t"), errors.toString());
        assertTrue(errors.get(1).equals(photos.resolve("d.png") + "\tno face found"), errors.toString());
        try (var saved = Files.list(crops)) {
            List<Path> files = saved.sorted().toList();
            assertEquals(rows.size(), files.size());
            assertEquals("a.jpg_face0.png", files.getFirst().getFileName().toString());
            BufferedImage crop = ImageIO.read(files.getFirst().toFile());
            assertEquals(112, crop.getWidth());
            assertEquals(112, crop.getHeight());
        }
    }

    @Test
    void encodeWithDetectGivesThePipelinesEmbeddingsInEveryFormat() throws IOException {
        Path npy = dir.resolve("faces.npy");
        assertEquals(0, run("encode", "--detect", "--input", photos.toString(), "--output", npy.toString())
                .exitCode());
        List<Map<String, Object>> faces = jsonLines(dir.resolve("faces.npy.faces.jsonl"));
        float[] expected;
        try (FacePipeline pipeline = FacePipeline.open(new PipelineConfigLoader(Map.of()).load())) {
            PhotoFaces portrait = pipeline.process(new PhotoDecoder().read(photos.resolve("a.jpg")));
            expected = portrait.faces().getFirst().embedding();
        }
        try (Arena arena = Arena.ofConfined()) {
            Npy.Array embeddings = Npy.read(npy, arena);
            assertArrayEquals(new long[]{faces.size(), 512}, embeddings.shape());
            float[] first = embeddings.data().asSlice(0, 512L * Float.BYTES).toArray(ValueLayout.JAVA_FLOAT);
            assertArrayEquals(expected, first, 1e-6f);
        }

        Path jsonl = dir.resolve("largest.jsonl");
        assertEquals(0, run("encode", "--detect", "--largest-face", "--input", photos.toString(), "--output",
                jsonl.toString()).exitCode());
        List<Map<String, Object>> largest = jsonLines(jsonl);
        assertEquals(2, largest.size(), "one face per photo with a face");
        assertEquals(512, ((List<?>) largest.getFirst().get("embedding")).size());

        Path parquet = dir.resolve("faces.parquet");
        assertEquals(0, run("encode", "--detect", "--input", photos.toString(), "--output", parquet.toString())
                .exitCode());
        byte[] bytes = Files.readAllBytes(parquet);
        assertEquals("PAR1", new String(Arrays.copyOf(bytes, 4), StandardCharsets.US_ASCII));
        assertEquals("PAR1", new String(Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length),
                StandardCharsets.US_ASCII));
    }

    @Test
    void faceOptionsAreCheckedBeforeAnythingRuns() {
        EmbedCliTest.Run csv = run("encode", "--detect", "--input", photos.toString(), "--output",
                dir.resolve("f.csv").toString());
        assertEquals(2, csv.exitCode());
        assertTrue(csv.err().contains(".jsonl, .parquet or .npy"), csv.err());
        EmbedCliTest.Run largest = run("encode", "--largest-face", "--input", photos.toString(), "--output",
                dir.resolve("f.npy").toString());
        assertEquals(2, largest.exitCode());
        assertTrue(largest.err().contains("--largest-face goes with --detect"), largest.err());
        EmbedCliTest.Run npy = run("detect", "--input", photos.toString(), "--output", dir.resolve("b.npy").toString());
        assertEquals(2, npy.exitCode());
    }
}

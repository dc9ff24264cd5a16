package dev.faceembed.spark;

import dev.faceembed.detect.Face;
import dev.faceembed.detect.FacePipeline;
import dev.faceembed.detect.PhotoDecoder;
import dev.faceembed.detect.PhotoFaces;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The photo stage on real photos (the detector tests' photos of faceembed-core), in local mode. */
class PhotoFacesTransformerTest {
    private static final Path PHOTOS = Path.of("..", "core", "src", "test", "resources", "photos");
    private static final StructType INPUT = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("name", DataTypes.StringType, true)
            .add("photo", DataTypes.BinaryType, true);
    private static final int PORTRAIT = 1;
    private static final int GROUP = 2;
    private static final int NO_FACE = 3;
    private static final int TRUNCATED = 4;
    private static final int NOT_A_PHOTO = 5;
    private static final int NULL = 6;

    private static SparkSession spark;
    private static FacePipeline reference;
    private static Reference embedder;
    private static byte[] portrait;
    private static byte[] group;

    @BeforeAll
    static void start() throws IOException {
        spark = TestSpark.session();
        reference = FacePipeline.open(ConfigSource.defaults().load());
        embedder = new Reference();
        portrait = Files.readAllBytes(PHOTOS.resolve("grace_hopper.jpg"));
        group = Files.readAllBytes(PHOTOS.resolve("group.jpg"));
    }

    @AfterAll
    static void stop() {
        reference.close();
        embedder.close();
    }

    @Test
    void everyFaceIsARowAndEveryPhotoWithoutOneSaysWhy() throws IOException {
        Dataset<Row> faces = new PhotoFacesTransformer().setInputCol("photo").setBatchSize(2)
                .transform(photos().repartition(2));

        assertEquals(List.of("id", "name", "face_index", "box", "score", "landmarks", "embedding", "face_error"),
                List.of(faces.schema().fieldNames()));
        assertEquals(embedder.modelSha256(), faces.schema().apply("embedding").metadata()
                .getMetadata(EmbeddingMetadata.KEY).getString("model_sha256"));
        List<Row> rows = sorted(faces.collectAsList());
        assertEquals(1 + 3 + 4, rows.size(), rows::toString);
        assertFaces(reference.process(decode(portrait)), rows.subList(0, 1), PORTRAIT);
        assertFaces(reference.process(decode(group)), rows.subList(1, 4), GROUP);
        assertNoFace(rows.get(4), NO_FACE, "no face found");
        assertNoFace(rows.get(5), TRUNCATED, "photo (");
        assertNoFace(rows.get(6), NOT_A_PHOTO, "photo (");
        assertNoFace(rows.get(7), NULL, "no photo: the value is null");
        rows.forEach(row -> assertEquals("photo " + row.getInt(0), row.getAs("name")));
    }

    @Test
    void namedColumnsChosenKeysAVectorAndTheLargestFaceOnly() throws IOException {
        PhotoFacesTransformer stage = new PhotoFacesTransformer().setInputCol("photo").setKeyCols(new String[]{"id"})
                .setFaceIndexCol("face").setBoxCol("where").setScoreCol("confidence").setLandmarksCol("points")
                .setOutputCol("features").setOutputType(OutputType.VECTOR).setErrorCol("why")
                .setLargestFaceOnly(true);

        Dataset<Row> faces = stage.transform(photos());

        assertEquals(List.of("id", "face", "where", "confidence", "points", "features", "why"),
                List.of(faces.schema().fieldNames()));
        assertEquals(SQLDataTypes.VectorType(), faces.schema().apply("features").dataType());
        List<Row> rows = sorted(faces.collectAsList());
        assertEquals(6, rows.size(), "one row per photo");
        List<Face> all = reference.process(decode(group)).faces();
        Face largest = all.stream().max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow();
        Row row = rows.get(1);
        assertEquals(GROUP, row.getInt(0));
        assertEquals(all.indexOf(largest), row.getInt(1));
        Reference.assertEmbedding(largest.embedding(), row, "features", "why");
        assertTrue(rows.get(2).isNullAt(1) && rows.get(2).getString(6).equals("no face found"));
    }

    @Test
    void savedAndLoadedWithAPipeline(@TempDir Path dir) throws IOException {
        PhotoFacesTransformer stage = new PhotoFacesTransformer().setInputCol("photo").setKeyCols(new String[]{"id"})
                .setErrorCol("why").setBatchSize(3).setLargestFaceOnly(true)
                .setConfig(ConfigSource.defaults().withOverride("detection.max_faces", "2"));
        PipelineModel model = new Pipeline().setStages(new PipelineStage[]{stage}).fit(photos());
        String path = dir.resolve("faces").toString();
        model.write().overwrite().save(path);

        PhotoFacesTransformer loaded = (PhotoFacesTransformer) PipelineModel.load(path).stages()[0];

        assertEquals(stage.uid(), loaded.uid());
        assertArrayEquals(new String[]{"id"}, loaded.getKeyCols());
        assertEquals("why", loaded.getErrorCol());
        assertEquals(3, loaded.getBatchSize());
        assertTrue(loaded.getLargestFaceOnly());
        assertEquals(stage.getConfig(), loaded.getConfig());
        assertEquals(6, loaded.transform(photos()).count());
        assertNull(new PhotoFacesTransformer().getKeyCols(), "every column but the photo unless set");
    }

    @Test
    void badColumnsFailOnTheDriverNamingTheFix() throws IOException {
        Dataset<Row> photos = photos();

        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PhotoFacesTransformer().transform(photos))
                .getMessage().contains("no photo column 'image'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PhotoFacesTransformer().setInputCol("name")
                .transform(photos)).getMessage().contains("expected binary"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PhotoFacesTransformer().setInputCol("photo")
                .setKeyCols(new String[]{"path"}).transform(photos)).getMessage().contains("no key column 'path'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PhotoFacesTransformer().setInputCol("photo")
                .setScoreCol("name").transform(photos)).getMessage().contains("have the names of face columns"));
    }

    /** The two photos, one without a face, a truncated JPEG, bytes that are no photo, and a null. */
    private static Dataset<Row> photos() throws IOException {
        List<Row> rows = List.of(
                row(PORTRAIT, portrait),
                row(GROUP, group),
                row(NO_FACE, noFace()),
                row(TRUNCATED, Arrays.copyOf(group, group.length / 3)),
                row(NOT_A_PHOTO, "not a photo at all".getBytes(StandardCharsets.UTF_8)),
                row(NULL, null));
        return spark.createDataFrame(rows, INPUT);
    }

    private static Row row(int id, byte[] photo) {
        return RowFactory.create(id, "photo " + id, photo);
    }

    /** A real photo without a face: the lower part of the portrait, below the face, as PNG. */
    private static byte[] noFace() throws IOException {
        BufferedImage photo = decode(portrait);
        BufferedImage below = photo.getSubimage(0, photo.getHeight() - 200, photo.getWidth(), 200);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(below, "png", png);
        return png.toByteArray();
    }

    private static BufferedImage decode(byte[] photo) {
        return new PhotoDecoder().decode(photo);
    }

    private static List<Row> sorted(List<Row> rows) {
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.<Row>comparingInt(r -> r.getInt(0))
                .thenComparingInt(r -> r.isNullAt(2) ? -1 : r.getInt(2)));
        return sorted;
    }

    /** The rows of photo {@code id} are its faces, in order, as the single-process pipeline finds them. */
    private static void assertFaces(PhotoFaces expected, List<Row> rows, int id) {
        assertEquals(expected.faces().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Face face = expected.faces().get(i);
            assertEquals(id, row.getInt(0));
            assertEquals(i, row.getInt(2));
            Row box = row.getStruct(3);
            assertArrayEquals(new float[]{face.box().x1(), face.box().y1(), face.box().x2(), face.box().y2()},
                    new float[]{box.getFloat(0), box.getFloat(1), box.getFloat(2), box.getFloat(3)}, 1e-3f);
            assertEquals(face.score(), row.getFloat(4), 1e-5f);
            assertArrayEquals(face.landmarks().toArray(), Reference.toArray(row.getList(5)), 1e-3f);
            Reference.assertEmbedding(face.embedding(), row, "embedding", "face_error");
        }
    }

    private static void assertNoFace(Row row, int id, String why) {
        assertEquals(id, row.getInt(0));
        for (int column = 2; column <= 6; column++) {
            assertTrue(row.isNullAt(column), row::toString);
        }
        String error = row.getString(7);
        assertTrue(error != null && error.contains(why), () -> id + ": " + error);
    }
}

package dev.faceembed.detect;

import dev.faceembed.BackendClosedException;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.Embeddings;
import dev.faceembed.config.ConfigSchema;
import dev.faceembed.config.PipelineConfigLoader;
import dev.faceembed.preprocess.FaceAligner;
import dev.faceembed.preprocess.ImageCrops;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Photos to embeddings with the bundled models. */
class FacePipelineTest {
    private static FaceDetector detector;
    private static EmbeddingBackend backend;
    private static FacePipeline pipeline;

    @BeforeAll
    static void open() {
        detector = FaceDetector.open();
        backend = EmbeddingBackends.create();
        pipeline = FacePipeline.of(detector, backend);
    }

    @AfterAll
    static void close() {
        pipeline.close();
        detector.close();
        backend.close();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    @Test
    void eachFaceIsEmbeddedAsItsAlignedCrop() {
        BufferedImage photo = Photos.decoded("group.jpg");
        PhotoFaces result = pipeline.process(photo);
        assertEquals(3, result.faces().size());
        assertEquals(detector.detect(photo).faces(), result.faces().stream().map(Face::detection).toList());
        for (Face face : result.faces()) {
            assertEquals(1.0, cosine(face.embedding(), face.embedding()), 1e-5, "L2-normalised");
            Embeddings ofCrop = ImageCrops.encodeImages(backend, List.of(pipeline.crop(photo, face.detection())));
            assertEquals(1.0, cosine(face.embedding(), ofCrop.row(0)), 1e-5, "the crop shown is the crop embedded");
            BufferedImage aligned = new FaceAligner(backend.cropSize()).align(photo, face.landmarks().toArray());
            double withFaceAligner = cosine(face.embedding(), ImageCrops.encodeImages(backend, List.of(aligned)).row(0));
            assertTrue(withFaceAligner > 0.95, "the same face as FaceAligner's crop: cosine " + withFaceAligner);
        }
        double sameFace = cosine(result.faces().get(0).embedding(), result.faces().get(0).embedding());
        double otherFace = cosine(result.faces().get(0).embedding(), result.faces().get(1).embedding());
        assertTrue(otherFace < sameFace - 0.3, "different people differ: " + otherFace);
    }

    @Test
    void aPipelineOpenedFromAConfigurationOwnsAndClosesItsParts() {
        FacePipeline owned = FacePipeline.open(new PipelineConfigLoader(Map.of(
                "FACEEMBED_DETECTION_MAX_FACES", "2"), ConfigSchema.standard()).load());
        assertEquals(2, owned.process(Photos.decoded("group.jpg")).faces().size());
        owned.close();
        assertThrows(BackendClosedException.class, () -> owned.process(Photos.decoded("group.jpg")));
        assertThrows(BackendClosedException.class, () -> owned.detector().detect(Photos.decoded("group.jpg")));
        owned.close();
    }

    @Test
    void facesOfManyPhotosShareEmbeddingRunsWithTheSameResults() {
        BufferedImage group = Photos.decoded("group.jpg");
        BufferedImage portrait = Photos.decoded("grace_hopper.jpg");
        BufferedImage empty = new BufferedImage(320, 240, BufferedImage.TYPE_3BYTE_BGR);
        List<BufferedImage> photos = new ArrayList<>(Collections.nCopies(12, group));
        photos.add(5, empty);
        photos.add(portrait);
        List<PhotoFaces> all = pipeline.processAll(photos);
        assertEquals(photos.size(), all.size());
        assertEquals(12 * 3 + 1, all.stream().mapToInt(p -> p.faces().size()).sum(), "more than one run of 32");
        assertEquals("no face found", all.get(5).noFaceReason().orElseThrow());
        PhotoFaces alone = pipeline.process(group);
        for (int i : new int[]{0, 6, 12}) {
            for (int f = 0; f < 3; f++) {
                assertArrayEquals(alone.faces().get(f).embedding(), all.get(i).faces().get(f).embedding(), 1e-5f);
            }
        }
        assertArrayEquals(pipeline.process(portrait).faces().getFirst().embedding(),
                all.getLast().faces().getFirst().embedding(), 1e-5f);
    }
}

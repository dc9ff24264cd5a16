package dev.faceembed.detect;

import dev.faceembed.BackendClosedException;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.preprocess.ExifOrientation;
import dev.faceembed.spi.BackendRegistry;
import dev.faceembed.testing.HostileImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bundled detector and landmark model on real photos. */
class FaceDetectorTest {
    private static FaceDetector detector;

    @BeforeAll
    static void open() {
        detector = FaceDetector.open();
    }

    @AfterAll
    static void close() {
        detector.close();
    }

    /** Eyes above the nose above the mouth (midpoints: heads tilt), left of right, all inside the box. */
    static void assertPlausible(DetectedFace face) {
        Landmarks p = face.landmarks();
        FaceBox b = face.box();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            assertTrue(p.x(i) > b.x1() && p.x(i) < b.x2() && p.y(i) > b.y1() && p.y(i) < b.y2(),
                    "point " + i + " inside " + b + ": " + p);
        }
        assertTrue(p.x(0) < p.x(1) && p.x(3) < p.x(4), "left of right: " + p);
        assertTrue((p.y(0) + p.y(1)) / 2 < p.y(2) && p.y(2) < (p.y(3) + p.y(4)) / 2,
                "eyes, nose, mouth from the top: " + p);
    }

    @Test
    void findsTheOneFaceOfAPortrait() {
        Detections found = detector.detect(Photos.decoded("grace_hopper.jpg"));
        assertEquals(1, found.faces().size(), found.toString());
        DetectedFace face = found.faces().getFirst();
        assertTrue(face.score() > 0.99, face.toString());
        assertTrue(face.box().size() > 150 && face.box().size() < 300, face.toString());
        assertPlausible(face);
        assertTrue(found.noFaceReason().isEmpty());
    }

    @Test
    void findsEveryFaceOfAGroupPhoto() {
        Detections found = detector.detect(Photos.decoded("group.jpg"));
        assertEquals(3, found.faces().size(), found.toString());
        found.faces().forEach(FaceDetectorTest::assertPlausible);
        assertEquals(found.faces().stream().mapToDouble(f -> f.box().area()).max().orElseThrow(),
                found.largest().orElseThrow().box().area());
        try (FaceDetector best = FaceDetector.open(DetectionOptions.defaults().withMaxFaces(1),
                BackendRegistry.standard(), SectionSettings.defaults())) {
            assertEquals(List.of(found.faces().getFirst()), best.detect(Photos.decoded("group.jpg")).faces(),
                    "max_faces keeps the best score");
        }
    }

    @Test
    void aRotatedPhotoGivesTheSameFaceRotated() {
        byte[] jpeg = Photos.bytes("grace_hopper.jpg");
        BufferedImage upright = new PhotoDecoder().decode(jpeg);
        DetectedFace face = detector.detect(upright).faces().getFirst();
        // Orientation 8: the stored pixels are the upright photo turned 90 degrees clockwise; write them so.
        BufferedImage stored = ExifOrientation.upright(upright, 6);
        BufferedImage reread = new PhotoDecoder().decode(HostileImages.withOrientation(
                HostileImages.encode(stored, "jpg"), 8));
        assertEquals(upright.getWidth(), reread.getWidth());
        DetectedFace again = detector.detect(reread).faces().getFirst();
        for (int i = 0; i < Landmarks.COUNT; i++) {
            assertTrue(Math.abs(face.landmarks().x(i) - again.landmarks().x(i)) < 4
                    && Math.abs(face.landmarks().y(i) - again.landmarks().y(i)) < 4, face + " vs " + again);
        }
    }

    @Test
    void aGreyPhotoWorksToo() {
        BufferedImage colour = Photos.decoded("grace_hopper.jpg");
        BufferedImage grey = new BufferedImage(colour.getWidth(), colour.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(colour, 0, 0, null);
        Detections found = detector.detect(grey);
        assertEquals(1, found.faces().size());
        assertPlausible(found.faces().getFirst());
    }

    @Test
    void aSmallFaceInALargePhotoIsFoundInTiles() {
        // The portrait at 160x188 (a face of about 60 px) in a 2400x1800 photo: 8 px in the whole-photo view.
        BufferedImage large = Photos.placed(Photos.decoded("grace_hopper.jpg"), 2400, 1800, 1700, 1300, 160, 188);
        Detections found = detector.detect(large);
        assertEquals(1, found.faces().size(), found.toString());
        FaceBox box = found.faces().getFirst().box();
        assertTrue(box.x1() > 1700 && box.x2() < 1860 && box.y1() > 1300 && box.y2() < 1488, box.toString());
        assertPlausible(found.faces().getFirst());
        // In the bottom right corner: the last tiles end at the photo's edges, which are not tile seams.
        BufferedImage corner = Photos.placed(Photos.decoded("grace_hopper.jpg"), 2400, 1800, 2240, 1612, 160, 188);
        assertEquals(1, detector.detect(corner).faces().size());

        try (FaceDetector coarse = FaceDetector.open(DetectionOptions.defaults().withMinFacePx(200),
                BackendRegistry.standard(), SectionSettings.defaults())) {
            Detections none = coarse.detect(large);
            assertTrue(none.faces().isEmpty(), none.toString());
            assertTrue(none.noFaceReason().orElseThrow().startsWith("no face"), none.toString());
        }
    }

    @Test
    void tilesNeverGoFinerThanThePhotosPixels() {
        try (FaceDetector tiny = FaceDetector.open(DetectionOptions.defaults().withMinFacePx(1),
                BackendRegistry.standard(), SectionSettings.defaults())) {
            long start = System.nanoTime();
            Detections found = tiny.detect(Photos.decoded("grace_hopper.jpg"));
            assertEquals(1, found.faces().size(), found.toString());
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "a handful of tiles, not thousands");
        }
    }

    @Test
    void aPhotoWithoutFacesSaysSo() {
        Detections none = detector.detect(new BufferedImage(640, 480, BufferedImage.TYPE_3BYTE_BGR));
        assertEquals("no face found", none.noFaceReason().orElseThrow());
    }

    @Test
    void closingWhileOtherThreadsDetectEndsTheirCallsCleanly() throws Exception {
        BufferedImage photo = Photos.decoded("group.jpg");
        FaceDetector closing = FaceDetector.open();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<Integer>> calls = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            calls.add(threads.submit(() -> {
                int done = 0;
                try {
                    while (true) {
                        assertEquals(3, closing.detect(photo).faces().size());
                        done++;
                    }
                } catch (BackendClosedException e) {
                    return done;
                }
            }));
        }
        Thread.sleep(300);
        closing.close();
        for (Future<Integer> call : calls) {
            call.get(30, TimeUnit.SECONDS);
        }
        threads.shutdown();
        closing.close();
    }
}

package dev.faceembed.bench;

import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.detect.DetectedFace;
import dev.faceembed.detect.DetectionOptions;
import dev.faceembed.detect.Detections;
import dev.faceembed.detect.Face;
import dev.faceembed.detect.FaceBox;
import dev.faceembed.detect.FaceDetector;
import dev.faceembed.detect.FacePipeline;
import dev.faceembed.detect.Landmarks;
import dev.faceembed.detect.PhotoDecoder;
import dev.faceembed.detect.PhotoFaces;
import dev.faceembed.preprocess.FaceAligner;
import dev.faceembed.preprocess.ImageCrops;
import dev.faceembed.spi.BackendRegistry;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Accuracy of the face detector and the photo pipeline on real photos (bench/RESULTS.md, "Faces in photos"):
 * detection recall and 5-point landmark error on dlib's annotated PASCAL VOC photos, recall on group photos, and
 * face verification on dlib's "johns" (5 people x 11 photos) end to end against the same embedder on crops aligned
 * by the photos' own known geometry.
 *
 * <pre>
 * tools/detect-eval/fetch_dlib_examples.sh build/detect-eval
 * java --enable-native-access=ALL-UNNAMED -cp java/bench/target/benchmarks.jar dev.faceembed.bench.FaceEvaluation \
 *     build/detect-eval/dlib/examples [folder of @vladmandic/face-api's demo photos]
 * </pre>
 */
public final class FaceEvaluation {
    /** dlib's mean face (points 17..67 of iBUG 68) in [0,1] chip coordinates, from get_face_chip_details. */
    private static final double[] MEAN_X = {0.000213256, 0.0752622, 0.18113, 0.29077, 0.393397, 0.586856, 0.689483,
        0.799124, 0.904991, 0.98004, 0.490127, 0.490127, 0.490127, 0.490127, 0.36688, 0.426036, 0.490127, 0.554217,
        0.613373, 0.121737, 0.187122, 0.265825, 0.334606, 0.260918, 0.182743, 0.645647, 0.714428, 0.793132, 0.858516,
        0.79751, 0.719335, 0.254149, 0.340985, 0.428858, 0.490127, 0.551395, 0.639268, 0.726104, 0.642159, 0.556721,
        0.490127, 0.423532, 0.338094, 0.290379, 0.428096, 0.490127, 0.552157, 0.689874, 0.553364, 0.490127, 0.42689};
    private static final double[] MEAN_Y = {0.106454, 0.038915, 0.0187482, 0.0344891, 0.0773906, 0.0773906, 0.0344891,
        0.0187482, 0.038915, 0.106454, 0.203352, 0.307009, 0.409805, 0.515625, 0.587326, 0.609345, 0.628106, 0.609345,
        0.587326, 0.216423, 0.178758, 0.179852, 0.231733, 0.245099, 0.244077, 0.231733, 0.179852, 0.178758, 0.216423,
        0.244077, 0.245099, 0.780233, 0.745405, 0.727388, 0.742578, 0.727388, 0.745405, 0.780233, 0.864805, 0.902192,
        0.909281, 0.902192, 0.864805, 0.784792, 0.778746, 0.785343, 0.778746, 0.784792, 0.824182, 0.831803,
        0.824182};
    /** Faces counted by hand in @vladmandic/face-api@1.7.15's demo/sample1..6.jpg. */
    private static final int[] VLADMANDIC_FACES = {3, 3, 3, 4, 5, 4};

    private FaceEvaluation() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: FaceEvaluation <dlib examples folder> [vladmandic demo folder]");
            System.exit(2);
        }
        Path examples = Path.of(args[0]);
        try (FaceDetector detector = FaceDetector.open();
             FaceDetector small = open(DetectionOptions.defaults().withMinFacePx(20))) {
            annotated(examples.resolve("faces"), detector, small);
            counted("dlib examples/faces/bald_guys.jpg", List.of(examples.resolve("faces/bald_guys.jpg")),
                    new int[]{24}, detector);
            if (args.length > 1) {
                List<Path> samples = new ArrayList<>();
                for (int i = 1; i <= 6; i++) {
                    samples.add(Path.of(args[1]).resolve("sample" + i + ".jpg"));
                }
                counted("@vladmandic/face-api demo/sample1..6.jpg", samples, VLADMANDIC_FACES, detector);
            }
            try (EmbeddingBackend backend = EmbeddingBackends.create();
                 FacePipeline pipeline = FacePipeline.of(detector, backend)) {
                verification(examples.resolve("johns"), pipeline, backend);
            }
        }
    }

    private static FaceDetector open(DetectionOptions options) {
        return FaceDetector.open(options, BackendRegistry.standard(), SectionSettings.defaults());
    }

    // ------------------------------------------------------------------------------------------------------------
    // Detection recall and landmark error on the annotated photos.

    private record Annotated(Path photo, float[] box, double[][] points) {
    }

    private static List<Annotated> readAnnotations(Path folder) throws Exception {
        List<Annotated> faces = new ArrayList<>();
        for (String file : List.of("training_with_face_landmarks.xml", "testing_with_face_landmarks.xml")) {
            var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(folder.resolve(file).toFile());
            NodeList images = doc.getElementsByTagName("image");
            for (int i = 0; i < images.getLength(); i++) {
                Element image = (Element) images.item(i);
                NodeList boxes = image.getElementsByTagName("box");
                for (int b = 0; b < boxes.getLength(); b++) {
                    Element box = (Element) boxes.item(b);
                    float left = Float.parseFloat(box.getAttribute("left"));
                    float top = Float.parseFloat(box.getAttribute("top"));
                    float[] ltrb = {left, top, left + Float.parseFloat(box.getAttribute("width")),
                        top + Float.parseFloat(box.getAttribute("height"))};
                    double[][] points = new double[68][2];
                    NodeList parts = box.getElementsByTagName("part");
                    for (int p = 0; p < parts.getLength(); p++) {
                        Element part = (Element) parts.item(p);
                        int index = Integer.parseInt(part.getAttribute("name"));
                        points[index][0] = Double.parseDouble(part.getAttribute("x"));
                        points[index][1] = Double.parseDouble(part.getAttribute("y"));
                    }
                    faces.add(new Annotated(folder.resolve(image.getAttribute("file")), ltrb, points));
                }
            }
        }
        return faces;
    }

    /** The five ArcFace points of 68 iBUG points: eye centres (36-41, 42-47), nose tip 30, mouth corners 48, 54. */
    static double[][] fivePoints(double[][] p) {
        double[][] five = new double[5][2];
        for (int i = 36; i < 42; i++) {
            five[0][0] += p[i][0] / 6;
            five[0][1] += p[i][1] / 6;
            five[1][0] += p[i + 6][0] / 6;
            five[1][1] += p[i + 6][1] / 6;
        }
        five[2] = p[30].clone();
        five[3] = p[48].clone();
        five[4] = p[54].clone();
        return five;
    }

    private static void annotated(Path folder, FaceDetector... detectors) throws Exception {
        List<Annotated> faces = readAnnotations(folder);
        List<Path> photos = faces.stream().map(Annotated::photo).distinct().toList();
        System.out.printf("%n## Detection and landmarks: dlib examples/faces, %d PASCAL VOC photos, %d hand-boxed faces"
                + " with 68 points%n%n", photos.size(), faces.size());
        System.out.println("| detection.min_face_px | found / present | recall | detections matching no face |"
                + " 5-point NME mean | median | max |");
        System.out.println("|---|---|---|---|---|---|---|");
        PhotoDecoder decoder = new PhotoDecoder();
        for (FaceDetector detector : detectors) {
            int found = 0;
            int unmatched = 0;
            List<Double> errors = new ArrayList<>();
            for (Path photo : photos) {
                Detections detections = detector.detect(decoder.read(photo));
                boolean[] used = new boolean[detections.faces().size()];
                for (Annotated face : faces.stream().filter(f -> f.photo().equals(photo)).toList()) {
                    int best = match(face.box(), detections.faces());
                    if (best < 0) {
                        continue;
                    }
                    used[best] = true;
                    found++;
                    errors.add(nme(detections.faces().get(best).landmarks(), face.points()));
                }
                for (boolean u : used) {
                    unmatched += u ? 0 : 1;
                }
            }
            double[] e = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "| %d | %d / %d | %.3f | %d | %.4f | %.4f | %.4f |%n",
                    detector.options().minFacePx(), found, faces.size(), found / (double) faces.size(), unmatched,
                    Arrays.stream(e).average().orElse(Double.NaN), e[e.length / 2], e[e.length - 1]);
        }
        System.out.println("\nNME: mean distance of the five points (eye centres, nose tip, mouth corners) to the same"
                + " reduction of the annotated 68 points, divided by the outer eye corner distance (points 36-45).");
    }

    /** The detection whose box centre lies in the annotated box, best IoU first; -1 if none. */
    private static int match(float[] truth, List<DetectedFace> faces) {
        FaceBox box = new FaceBox(truth[0], truth[1], truth[2], truth[3]);
        int best = -1;
        float bestIou = -1;
        for (int i = 0; i < faces.size(); i++) {
            FaceBox d = faces.get(i).box();
            float cx = (d.x1() + d.x2()) / 2;
            float cy = (d.y1() + d.y2()) / 2;
            if (cx >= truth[0] && cx <= truth[2] && cy >= truth[1] && cy <= truth[3] && d.iou(box) > bestIou) {
                best = i;
                bestIou = d.iou(box);
            }
        }
        return best;
    }

    private static double nme(Landmarks found, double[][] points) {
        double[][] truth = fivePoints(points);
        double norm = Math.hypot(points[36][0] - points[45][0], points[36][1] - points[45][1]);
        double sum = 0;
        for (int i = 0; i < 5; i++) {
            sum += Math.hypot(found.x(i) - truth[i][0], found.y(i) - truth[i][1]);
        }
        return sum / 5 / norm;
    }

    private static void counted(String what, List<Path> photos, int[] present, FaceDetector detector) {
        System.out.printf("%n## Detection: %s (faces counted by hand)%n%n| photo | size | found / present |"
                + " milliseconds |%n|---|---|---|---|%n", what);
        PhotoDecoder decoder = new PhotoDecoder();
        int found = 0;
        int total = 0;
        for (int i = 0; i < photos.size(); i++) {
            BufferedImage photo = decoder.read(photos.get(i));
            detector.detect(photo);
            long start = System.nanoTime();
            int n = detector.detect(photo).faces().size();
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("| %s | %dx%d | %d / %d | %d |%n", photos.get(i).getFileName(), photo.getWidth(),
                    photo.getHeight(), n, present[i], ms);
            found += Math.min(n, present[i]);
            total += present[i];
        }
        System.out.printf("%nrecall %d / %d%n", found, total);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Verification on the johns.

    private record Photo(String person, Path file, BufferedImage image) {
    }

    private static void verification(Path folder, FacePipeline pipeline, EmbeddingBackend backend) throws Exception {
        List<Photo> photos = new ArrayList<>();
        PhotoDecoder decoder = new PhotoDecoder();
        try (Stream<Path> people = Files.list(folder)) {
            for (Path person : people.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> files = Files.list(person)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
                        photos.add(new Photo(person.getFileName().toString(), file, decoder.read(file)));
                    }
                }
            }
        }
        int size = photos.getFirst().image().getWidth();
        System.out.printf("%n## Verification: dlib examples/johns, %d photos of %d people (%dx%d dlib face chips)%n",
                photos.size(), photos.stream().map(Photo::person).distinct().count(), size, size);

        // Which padding made the chips: the one whose template the pipeline's landmarks fit best.
        List<float[]> found = new ArrayList<>();
        for (Photo p : photos) {
            found.add(pipeline.detector().detect(p.image()).largest().map(f -> f.landmarks().toArray())
                    .orElse(null));
        }
        double bestPadding = 0;
        double bestError = Double.MAX_VALUE;
        System.out.println();
        for (double padding : new double[]{0.2, 0.25, 0.3}) {
            float[] template = chipTemplate(padding, size);
            double error = 0;
            int n = 0;
            for (float[] points : found) {
                if (points != null) {
                    for (int i = 0; i < 10; i++) {
                        error += Math.abs(points[i] - template[i]);
                    }
                    n += 10;
                }
            }
            System.out.printf(Locale.ROOT, "chip template with dlib padding %.2f: mean |detected - template| %.2f px%n",
                    padding, error / n);
            if (error / n < bestError) {
                bestError = error / n;
                bestPadding = padding;
            }
        }
        float[] reference = chipTemplate(bestPadding, size);
        FaceAligner aligner = new FaceAligner(backend.cropSize());

        List<float[]> referenceEmbeddings = new ArrayList<>();
        for (Photo p : photos) {
            referenceEmbeddings.add(ImageCrops.encodeImages(backend, List.of(aligner.align(p.image(), reference)))
                    .row(0));
        }
        List<float[]> onChips = embed(pipeline, photos.stream().map(Photo::image).toList());
        Random random = new Random(1);
        List<BufferedImage> placed = new ArrayList<>();
        for (Photo p : photos) {
            int side = 90 + random.nextInt(211);
            placed.add(place(p.image(), 640, 480, random.nextInt(640 - side), random.nextInt(480 - side), side));
        }
        List<float[]> inPhotos = embed(pipeline, placed);

        System.out.printf("%n| crops | faces found | genuine cosine | impostor cosine | d' | best accuracy |"
                + " 10-fold accuracy | cosine to reference, mean / min |%n|---|---|---|---|---|---|---|---|%n");
        report("reference: each chip aligned by its known geometry (padding " + bestPadding + ")", photos,
                referenceEmbeddings, referenceEmbeddings);
        report("pipeline on the chips", photos, onChips, referenceEmbeddings);
        report("pipeline on the chips placed in 640x480 photos (90-300 px, seed 1)", photos, inPhotos,
                referenceEmbeddings);
    }

    /** The five ArcFace points of dlib's mean face in a {@code size} chip made with {@code padding}. */
    static float[] chipTemplate(double padding, int size) {
        double[][] mean = new double[68][2];
        for (int i = 17; i < 68; i++) {
            mean[i][0] = (padding + MEAN_X[i - 17]) / (2 * padding + 1) * size;
            mean[i][1] = (padding + MEAN_Y[i - 17]) / (2 * padding + 1) * size;
        }
        double[][] five = fivePoints(mean);
        float[] out = new float[10];
        for (int i = 0; i < 5; i++) {
            out[2 * i] = (float) five[i][0];
            out[2 * i + 1] = (float) five[i][1];
        }
        return out;
    }

    private static BufferedImage place(BufferedImage chip, int w, int h, int x, int y, int side) {
        BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setColor(new Color(0x6E6E6E));
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(chip, x, y, side, side, null);
        } finally {
            g.dispose();
        }
        return canvas;
    }

    /** The embedding of the largest face of each photo, or null where none was found. */
    private static List<float[]> embed(FacePipeline pipeline, List<BufferedImage> photos) {
        List<float[]> out = new ArrayList<>();
        for (PhotoFaces faces : pipeline.processAll(photos)) {
            out.add(faces.largest().map(Face::embedding).orElse(null));
        }
        return out;
    }

    private static void report(String what, List<Photo> photos, List<float[]> embeddings, List<float[]> reference) {
        List<Double> genuine = new ArrayList<>();
        List<Double> impostor = new ArrayList<>();
        List<double[]> pairs = new ArrayList<>();
        int missing = (int) embeddings.stream().filter(e -> e == null).count();
        for (int i = 0; i < photos.size(); i++) {
            for (int j = i + 1; j < photos.size(); j++) {
                boolean same = photos.get(i).person().equals(photos.get(j).person());
                // A photo without a face cannot match: it scores -1 against everything.
                double c = embeddings.get(i) == null || embeddings.get(j) == null ? -1
                        : cosine(embeddings.get(i), embeddings.get(j));
                (same ? genuine : impostor).add(c);
                pairs.add(new double[]{c, same ? 1 : 0});
            }
        }
        double[] toReference = new double[photos.size()];
        for (int i = 0; i < photos.size(); i++) {
            toReference[i] = embeddings.get(i) == null ? -1 : cosine(embeddings.get(i), reference.get(i));
        }
        double gm = mean(genuine);
        double im = mean(impostor);
        double dPrime = (gm - im) / Math.sqrt((variance(genuine, gm) + variance(impostor, im)) / 2);
        System.out.printf(Locale.ROOT, "| %s | %d / %d | %.3f ± %.3f | %.3f ± %.3f | %.2f | %.4f | %.4f | %.4f / %.4f |%n",
                what, photos.size() - missing, photos.size(), gm, Math.sqrt(variance(genuine, gm)), im,
                Math.sqrt(variance(impostor, im)), dPrime, bestAccuracy(pairs, pairs), tenFold(pairs),
                Arrays.stream(toReference).average().orElseThrow(), Arrays.stream(toReference).min().orElseThrow());
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }

    private static double variance(List<Double> values, double mean) {
        return values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
    }

    /** Accuracy on {@code test} at the threshold that is best on {@code train}. */
    private static double bestAccuracy(List<double[]> train, List<double[]> test) {
        double threshold = 0;
        double best = -1;
        for (double[] candidate : train) {
            double accuracy = accuracy(train, candidate[0]);
            if (accuracy > best) {
                best = accuracy;
                threshold = candidate[0];
            }
        }
        return accuracy(test, threshold);
    }

    /** Same person when the cosine is at least the threshold. */
    private static double accuracy(List<double[]> pairs, double threshold) {
        int right = 0;
        for (double[] p : pairs) {
            right += (p[0] >= threshold) == (p[1] == 1) ? 1 : 0;
        }
        return right / (double) pairs.size();
    }

    /** LFW-style: the threshold chosen on nine folds and applied to the tenth (seeded shuffle), averaged. */
    private static double tenFold(List<double[]> pairs) {
        List<double[]> shuffled = new ArrayList<>(pairs);
        java.util.Collections.shuffle(shuffled, new Random(10));
        double sum = 0;
        for (int fold = 0; fold < 10; fold++) {
            List<double[]> train = new ArrayList<>();
            List<double[]> test = new ArrayList<>();
            for (int i = 0; i < shuffled.size(); i++) {
                (i % 10 == fold ? test : train).add(shuffled.get(i));
            }
            sum += bestAccuracy(train, test);
        }
        return sum / 10;
    }
}

package dev.faceembed.detect;

import dev.faceembed.BackendClosedException;
import dev.faceembed.BackendUnavailableException;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.config.SectionSettings;
import dev.faceembed.internal.CallGate;
import dev.faceembed.internal.LendingPool;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.model.ModelLoader;
import dev.faceembed.model.ModelSpec;
import dev.faceembed.spi.BackendProvider;
import dev.faceembed.spi.BackendRegistry;
import dev.faceembed.spi.ModelRunner;
import dev.faceembed.spi.TensorRun;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds faces in photos: boxes, scores and the five ArcFace landmarks, with the bundled fr_detect and fr_landmark
 * models (see models/README.md) run by the first backend on the class path that runs plain ONNX models (the
 * {@code onnxruntime} backend of faceembed-core, on the CPU, with its configured settings).
 *
 * <p>Thread-safe: each call borrows a workspace (both models' input and output memory, resampling tables, candidate
 * lists) from a lock-free pool, so steady-state calls allocate only their results. {@link #close()} may be called
 * while other threads detect: calls in progress finish, later ones fail with {@link BackendClosedException}.
 */
public final class FaceDetector implements AutoCloseable {
    private final DetectionOptions options;
    private final ModelRunner detectorRunner;
    private final ModelRunner landmarkRunner;
    private final DetectorModel detector;
    private final LandmarkModel landmarks;
    private final LendingPool<DetectionWorkspace> pool;
    private final CallGate gate = new CallGate();

    private FaceDetector(DetectionOptions options, ModelRunner detectorRunner, ModelRunner landmarkRunner) {
        this.options = options;
        this.detectorRunner = detectorRunner;
        this.landmarkRunner = landmarkRunner;
        this.detector = new DetectorModel(detectorRunner);
        this.landmarks = new LandmarkModel(landmarkRunner);
        this.pool = LendingPool.perProcessor(this::workspace);
    }

    /**
     * The detector with the default options and backend settings.
     *
     * @return an open detector; close it when done
     * @throws BackendUnavailableException  if no backend here can run its models
     * @throws dev.faceembed.ModelException if a bundled model is missing or corrupt
     */
    public static FaceDetector open() {
        return open(DetectionOptions.defaults(), BackendRegistry.standard(), SectionSettings.defaults());
    }

    /**
     * The detector with the {@code detection} keys and backend settings of a loaded configuration.
     *
     * @param config a loaded configuration
     * @return an open detector; close it when done
     * @throws BackendUnavailableException  if no backend here can run its models
     * @throws dev.faceembed.ModelException if a bundled model is missing or corrupt
     */
    public static FaceDetector open(PipelineConfig config) {
        return open(DetectionOptions.of(config), config.schema().registry(), config.embeddingOptions().settings());
    }

    /**
     * The detector with {@code options}, its models run by the first backend of {@code registry} that runs plain
     * ONNX models, with that backend's section of {@code settings}.
     *
     * @param options  thresholds and limits
     * @param registry the backends to run the models with
     * @param settings the options of every configuration section
     * @return an open detector; close it when done
     * @throws BackendUnavailableException if no backend here can run them
     * @throws dev.faceembed.ModelException if a bundled model is missing or corrupt
     */
    public static FaceDetector open(DetectionOptions options, BackendRegistry registry, SectionSettings settings) {
        ModelRunner detector = openRunner(FaceModels.detector(), registry, settings);
        ModelRunner landmarks = null;
        boolean success = false;
        try {
            landmarks = openRunner(FaceModels.landmarks(), registry, settings);
            FaceDetector opened = new FaceDetector(options, detector, landmarks);
            success = true;
            return opened;
        } finally {
            if (!success) {
                detector.close();
                if (landmarks != null) {
                    landmarks.close();
                }
            }
        }
    }

    private static ModelRunner openRunner(ModelSpec spec, BackendRegistry registry, SectionSettings settings) {
        LoadedModel model = ModelLoader.load(spec);
        for (BackendProvider provider : registry.providers()) {
            Optional<ModelRunner> runner = provider.openModelRunner(model, settings);
            if (runner.isPresent()) {
                return runner.get();
            }
        }
        throw new BackendUnavailableException("no backend here runs the face detector's models; the backends are "
                + registry.ids() + ": put faceembed-core (its onnxruntime backend) on the class path");
    }

    private DetectionWorkspace workspace() {
        TensorRun detectorRun = detectorRunner.newRun();
        boolean success = false;
        try {
            DetectionWorkspace ws = new DetectionWorkspace(detectorRun, landmarkRunner.newRun());
            success = true;
            return ws;
        } finally {
            if (!success) {
                detectorRun.close();
            }
        }
    }

    /**
     * The thresholds and limits the detector applies.
     *
     * @return the options
     */
    public DetectionOptions options() {
        return options;
    }

    /**
     * The faces in {@code photo}, highest score first. Any image type is accepted; plain 3-byte BGR (what
     * {@link PhotoDecoder} and ImageIO's JPEG decoder give) is read in place, others are converted first.
     *
     * @param photo the photo, upright
     * @return the faces kept, and how many were found but too small
     * @throws BackendClosedException after {@link #close()}
     */
    public Detections detect(BufferedImage photo) {
        BgrImage image = BgrImage.of(photo);
        enter();
        try {
            DetectionWorkspace ws = pool.acquire();
            try {
                return detect(image, ws);
            } finally {
                pool.release(ws);
            }
        } finally {
            gate.exit();
        }
    }

    /** Detection in a workspace the caller has borrowed (inside the gate). */
    Detections detect(BgrImage image, DetectionWorkspace ws) {
        Candidates found = ws.found;
        found.clear();
        detector.detect(image, options, ws, found);
        found.suppress(options.nmsIou());
        List<DetectedFace> faces = new ArrayList<>();
        int small = 0;
        for (int i = 0; i < found.size(); i++) {
            float x1 = found.x1(i), y1 = found.y1(i), x2 = found.x2(i), y2 = found.y2(i);
            FaceBox box = new FaceBox(clamp(x1, image.width()), clamp(y1, image.height()), clamp(x2, image.width()),
                    clamp(y2, image.height()));
            if (box.size() < options.minFacePx()) {
                small++;
                continue;
            }
            if (options.maxFaces() > 0 && faces.size() == options.maxFaces()) {
                break;
            }
            landmarks.locate(image, x1, y1, x2, y2, ws, ws.five);
            faces.add(new DetectedFace(box, found.score(i), new Landmarks(ws.five)));
        }
        return new Detections(faces, small);
    }

    private static float clamp(float v, int max) {
        return Math.min(Math.max(v, 0), max);
    }

    /** Borrows a workspace; pair with {@link #release}. For {@link FacePipeline}, inside {@link #enter()}. */
    DetectionWorkspace acquire() {
        return pool.acquire();
    }

    void release(DetectionWorkspace ws) {
        pool.release(ws);
    }

    /** Enters the gate; pair with {@link #exit()}. */
    void enter() {
        if (!gate.tryEnter()) {
            throw new BackendClosedException("the face detector is closed");
        }
    }

    void exit() {
        gate.exit();
    }

    /**
     * Lets detections in progress finish (one photo each, so the wait is short), refuses new ones, then frees the
     * workspaces and the models. Idempotent.
     */
    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        gate.awaitDrained();
        pool.close();
        detectorRunner.close();
        landmarkRunner.close();
    }
}

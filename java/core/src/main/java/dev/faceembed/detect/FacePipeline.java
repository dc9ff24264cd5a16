package dev.faceembed.detect;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingBackends;
import dev.faceembed.FaceBatch;
import dev.faceembed.config.PipelineConfig;
import dev.faceembed.BackendClosedException;
import dev.faceembed.internal.CallGate;
import dev.faceembed.internal.LendingPool;
import dev.faceembed.preprocess.FaceAligner;

import java.awt.image.BufferedImage;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * Photos in, faces out: detect ({@link FaceDetector}), locate the landmarks, align each face onto the ArcFace
 * template ({@link FaceAligner}'s similarity transform) straight into the backend's crop batch, and embed it with
 * the {@link EmbeddingBackend}. The faces of several photos share embedding runs of up to {@link #CROPS_PER_RUN}
 * crops.
 *
 * <p>Thread-safe: each call borrows a workspace (a detection workspace, a crop batch in the backend's memory and
 * an output buffer) from lock-free pools, so steady-state calls allocate only their results. {@link #close()} may be
 * called while other threads process photos: calls in progress finish, later ones fail with
 * {@link BackendClosedException}.
 */
public final class FacePipeline implements AutoCloseable {
    /** Crops per embedding run: the faces of several photos are batched up to this many. */
    public static final int CROPS_PER_RUN = 32;

    private final FaceDetector detector;
    private final EmbeddingBackend backend;
    private final boolean owned;
    private final FaceAligner aligner;
    private final CropSize cropSize;
    private final LendingPool<CropWorkspace> pool;
    private final CallGate gate = new CallGate();

    private FacePipeline(FaceDetector detector, EmbeddingBackend backend, boolean owned) {
        this.detector = detector;
        this.backend = backend;
        this.owned = owned;
        backend.ensureReady();
        this.cropSize = backend.cropSize();
        this.aligner = new FaceAligner(cropSize);
        this.pool = LendingPool.perProcessor(() -> new CropWorkspace(backend));
    }

    /**
     * The pipeline of a loaded configuration: the {@code detection} keys for the detector, the embedding keys for
     * the backend (with its fallback rule). Closing the pipeline closes both.
     *
     * @param config a loaded configuration
     * @return an open pipeline, its backend's model loaded
     * @throws dev.faceembed.BackendUnavailableException if the detector's models or the backend cannot run here (and no
     *                                                   fallback could)
     * @throws dev.faceembed.ModelException              if a model is missing or corrupt
     */
    public static FacePipeline open(PipelineConfig config) {
        FaceDetector detector = FaceDetector.open(config);
        boolean success = false;
        try {
            FacePipeline pipeline = new FacePipeline(detector, EmbeddingBackends.create(config.embeddingOptions(),
                    config.schema().registry()), true);
            success = true;
            return pipeline;
        } finally {
            if (!success) {
                detector.close();
            }
        }
    }

    /**
     * A pipeline over a detector and a backend the caller owns (and closes after the pipeline).
     *
     * @param detector the face detector
     * @param backend  the embedder; its model is loaded here if it is not yet
     * @return an open pipeline
     * @throws dev.faceembed.ModelException              as {@link EmbeddingBackend#ensureReady()}
     * @throws dev.faceembed.BackendUnavailableException as {@link EmbeddingBackend#ensureReady()}
     */
    public static FacePipeline of(FaceDetector detector, EmbeddingBackend backend) {
        return new FacePipeline(detector, backend, false);
    }

    /**
     * The face detector the pipeline runs.
     *
     * @return the detector
     */
    public FaceDetector detector() {
        return detector;
    }

    /**
     * The embedder the pipeline runs.
     *
     * @return the backend
     */
    public EmbeddingBackend backend() {
        return backend;
    }

    /**
     * The faces of one photo with their embeddings; see {@link FaceDetector#detect} for the image types.
     *
     * @param photo the photo, upright
     * @return its faces, highest score first, and how many were too small
     * @throws BackendClosedException after {@link #close()}
     */
    public PhotoFaces process(BufferedImage photo) {
        return processAll(List.of(photo)).getFirst();
    }

    /**
     * The faces of each photo, in order; faces of different photos share embedding runs.
     *
     * @param photos the photos, upright
     * @return one result per photo, in order
     * @throws BackendClosedException after {@link #close()}
     */
    public List<PhotoFaces> processAll(List<BufferedImage> photos) {
        List<BgrImage> images = new ArrayList<>(photos.size());
        photos.forEach(p -> images.add(BgrImage.of(p)));
        List<PhotoFaces> results = new ArrayList<>(photos.size());
        if (!gate.tryEnter()) {
            throw new BackendClosedException("the face pipeline is closed");
        }
        try {
            detector.enter();
            try {
                detectAndEmbed(images, results);
            } finally {
                detector.exit();
            }
        } finally {
            gate.exit();
        }
        return results;
    }

    /**
     * The aligned crop of {@code face} in {@code photo}, exactly as the embedder sees it (for inspection, e.g.
     * {@code --save-crops}); see {@link AlignedCrops}.
     *
     * @param photo the photo the face was found in
     * @param face  a face {@link #process} or the detector found in it
     * @return a new RGB image of the backend's crop size
     */
    public BufferedImage crop(BufferedImage photo, DetectedFace face) {
        return AlignedCrops.of(photo, face.landmarks(), cropSize);
    }

    /**
     * Lets calls in progress finish, refuses new ones, frees the crop batches, and closes the detector and the
     * backend if this pipeline opened them ({@link #open}). Idempotent.
     */
    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        gate.awaitDrained();
        pool.close();
        if (owned) {
            detector.close();
            backend.close();
        }
    }

    private void detectAndEmbed(List<BgrImage> images, List<PhotoFaces> results) {
        DetectionWorkspace detection = detector.acquire();
        CropWorkspace crops = pool.acquire();
        try {
            crops.batch.setCount(0);
            for (BgrImage image : images) {
                Detections found = detector.detect(image, detection);
                List<Face> faces = new ArrayList<>(found.faces().size());
                for (DetectedFace face : found.faces()) {
                    add(crops, image, face, faces);
                }
                results.add(new PhotoFaces(faces, found.smallFaces()));
            }
            flush(crops);
        } finally {
            pool.release(crops);
            detector.release(detection);
        }
    }

    /** Aligns {@code face} into the next crop of the batch; runs the embedder when the batch is full. */
    private void add(CropWorkspace ws, BgrImage image, DetectedFace face, List<Face> faces) {
        int index = ws.batch.count();
        CropWarper.warp(image, aligner.estimate(face.landmarks().toArray()), cropSize, ws.batch.crop(index));
        float[] embedding = new float[ws.dim];
        ws.targets[index] = embedding;
        faces.add(new Face(face, embedding));
        ws.batch.setCount(index + 1);
        if (index + 1 == CROPS_PER_RUN) {
            flush(ws);
        }
    }

    /** Embeds the crops waiting in the batch and copies each embedding into its face's array. */
    private void flush(CropWorkspace ws) {
        int count = ws.batch.count();
        if (count == 0) {
            return;
        }
        backend.encodeInto(ws.batch, ws.out);
        for (int i = 0; i < count; i++) {
            MemorySegment.copy(ws.out, ValueLayout.JAVA_FLOAT, (long) i * ws.dim * Float.BYTES, ws.targets[i], 0,
                    ws.dim);
            ws.targets[i] = null;
        }
        ws.batch.setCount(0);
    }

    /** One thread's crop batch (in the backend's memory) and embedding output. */
    private static final class CropWorkspace implements AutoCloseable {
        private final Arena arena = Arena.ofShared();
        private final FaceBatch batch;
        private final MemorySegment out;
        private final int dim;
        /** The embedding array of each face waiting in the batch. */
        private final float[][] targets = new float[CROPS_PER_RUN][];

        CropWorkspace(EmbeddingBackend backend) {
            dim = backend.embeddingDim();
            batch = backend.allocateBatch(arena, CropLayout.UINT8_HWC_RGB, CROPS_PER_RUN);
            out = arena.allocate((long) CROPS_PER_RUN * dim * Float.BYTES, 64);
        }

        @Override
        public void close() {
            arena.close();
        }
    }
}

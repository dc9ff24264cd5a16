package dev.faceembed.onnxruntime;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropSize;
import dev.faceembed.Device;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingException;
import dev.faceembed.FaceBatch;
import dev.faceembed.FaceembedVersion;
import dev.faceembed.bindings.ort.OrtException;
import dev.faceembed.config.PipelineKeys;
import dev.faceembed.internal.CallGate;
import dev.faceembed.internal.MemoryBudget;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.model.ModelLoader;
import dev.faceembed.model.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * The reference backend: the ONNX Runtime C API through java.lang.foreign, with ONNX Runtime's CPU kernels or one of
 * its GPU execution providers.
 *
 * <p>Float32 input is handed to ONNX Runtime without a copy and the output is bound to the caller's memory; uint8
 * input is converted into a per-thread staging buffer. Batches larger than {@code maxBatchSize} (or than the model
 * accepts) are split into several runs. The model is loaded on first use.
 */
final class OnnxRuntimeBackend implements EmbeddingBackend {
    static final String NAME = "onnxruntime";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeBackend.class);

    private final ModelSpec modelSpec;
    private final OnnxRuntimeOptions settings;
    private final Device device;
    private final int maxBatchSize;
    private final CallGate gate = new CallGate();
    private final Object loadLock = new Object();
    private volatile OrtEmbedder embedder;

    /**
     * @param settings     the session settings; a GPU execution provider runs on {@code device}
     * @param device       the CUDA device of a GPU execution provider, or the CPU
     * @param maxBatchSize most crops per native run (larger batches are split); bounds the staging memory of uint8
     *                     input to {@code maxBatchSize x 3 x H x W} floats per concurrent caller
     */
    OnnxRuntimeBackend(ModelSpec modelSpec, OnnxRuntimeOptions settings, Device device, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        this.modelSpec = modelSpec;
        this.settings = settings;
        this.device = device;
        this.maxBatchSize = maxBatchSize;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void ensureReady() {
        enter();
        try {
            loaded();
        } finally {
            gate.exit();
        }
    }

    private OrtEmbedder loaded() {
        OrtEmbedder e = embedder;
        if (e != null) {
            return e;
        }
        synchronized (loadLock) {
            if (embedder == null) {
                embedder = load();
            }
            return embedder;
        }
    }

    private OrtEmbedder load() {
        long start = System.nanoTime();
        LoadedModel model = ModelLoader.load(modelSpec);
        List<OnnxRuntimeSession> sessions = new ArrayList<>();
        boolean success = false;
        try {
            for (int i = 0; i < settings.sessions(); i++) {
                sessions.add(OnnxRuntimeSession.open(model, settings, device.index()));
            }
            OnnxRuntimeSession first = sessions.getFirst();
            EmbeddingModelShape shape = EmbeddingModelShape.of(model, first.inputs(), first.outputs());
            int runBatch = shape.runBatch(maxBatchSize);
            MemoryBudget.require(PipelineKeys.MAX_BATCH_SIZE.path() + " " + runBatch + " on " + sessions.size()
                    + " session(s)", (long) runBatch * sessions.size(), shape.runBytesPerCrop());
            OrtEmbedder loaded = new OrtEmbedder(model, sessions, shape, settings, maxBatchSize,
                    options -> OnnxRuntimeSession.open(model, options, device.index()));
            success = true;
            LOG.debug("loaded {} ({}, {} -> {}) in {} ms", model.location(), shape.cropSize(), shape.inputName(),
                    shape.outputName(), (System.nanoTime() - start) / 1_000_000);
            return loaded;
        } finally {
            if (!success) {
                sessions.forEach(OnnxRuntimeSession::close);
            }
        }
    }

    private void enter() {
        if (!gate.tryEnter()) {
            throw new BackendClosedException("the " + NAME + " backend is closed");
        }
    }

    @Override
    public int embeddingDim() {
        enter();
        try {
            return loaded().shape().dim();
        } finally {
            gate.exit();
        }
    }

    @Override
    public CropSize cropSize() {
        enter();
        try {
            return loaded().shape().cropSize();
        } finally {
            gate.exit();
        }
    }

    @Override
    public void encodeInto(FaceBatch crops, MemorySegment out) {
        enter();
        try {
            loaded().encode(crops, out);
        } catch (OrtException e) {
            if (gate.isClosed()) {
                throw new BackendClosedException("the " + NAME + " backend was closed during encode", e);
            }
            throw new EmbeddingException("ONNX Runtime failed to run " + modelSpec.name() + ": " + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    @Override
    public Diagnostics diagnostics() {
        enter();
        try {
            OrtEmbedder e = loaded();
            OnnxRuntimeEnvironment ort = OnnxRuntimeEnvironment.get();
            String where = settings.provider() == ExecutionProvider.CPU ? "cpu"
                    : device + " (" + settings.provider().ortName() + ")";
            return Diagnostics.builder(NAME)
                    .device(device, where)
                    .precision(modelSpec.precision().id())
                    .maxBatchSize(e.runBatch())
                    .model(e.model().spec().name(), e.model().location(), e.model().sha256())
                    .embeddingDim(e.shape().dim())
                    .version("faceembed", FaceembedVersion.get())
                    .version("onnxruntime", ort.version())
                    .version("java", Runtime.version().toString())
                    .setting("intra_op_threads", settings.adaptToCallers() ? "adaptive (" + settings.intraOpThreads()
                            + " for a caller alone, shared out among concurrent callers)" : settings.intraOpThreads())
                    .setting("inter_op_threads", settings.interOpThreads())
                    .setting("graph_optimization", settings.optimization().name())
                    .setting("execution_mode", settings.parallelExecution() ? "parallel" : "sequential")
                    .setting("flush_denormals", settings.flushDenormals())
                    .setting("sessions", settings.adaptToCallers() ? "adaptive (one per concurrent caller)"
                            : settings.sessions())
                    .setting("execution_provider", settings.provider().ortName())
                    .setting("onnxruntime_library", ort.libraryLocation())
                    .build();
        } finally {
            gate.exit();
        }
    }

    /**
     * Closes the gate, stops runs in progress, waits for every call inside to leave, then frees the sessions. The
     * embedder is read again after the calls have left: a first call already inside may have loaded it meanwhile.
     */
    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        OrtEmbedder running;
        synchronized (loadLock) {
            running = embedder;
        }
        if (running != null) {
            running.terminateRuns();
        }
        gate.awaitDrained();
        OrtEmbedder loaded;
        synchronized (loadLock) {
            loaded = embedder;
            embedder = null;
        }
        if (loaded != null) {
            loaded.close();
        }
    }
}

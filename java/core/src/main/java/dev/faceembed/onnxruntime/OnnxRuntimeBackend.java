package dev.faceembed.onnxruntime;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropSize;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingException;
import dev.faceembed.FaceBatch;
import dev.faceembed.FaceembedVersion;
import dev.faceembed.bindings.ort.OrtException;
import dev.faceembed.internal.CallGate;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.model.ModelLoader;
import dev.faceembed.model.ModelSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference backend: the ONNX Runtime C API through java.lang.foreign, on the CPU.
 *
 * <p>Float32 input is handed to ONNX Runtime without a copy and the output is bound to the caller's memory; uint8
 * input is converted into a per-thread staging buffer. Batches larger than {@code maxBatchSize} (or than the model
 * accepts) are split into several runs.
 */
public final class OnnxRuntimeBackend implements EmbeddingBackend {
    public static final String NAME = "onnxruntime";
    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeBackend.class);

    private final ModelSpec modelSpec;
    private final SessionSettings settings;
    private final int maxBatchSize;
    private final CallGate gate = new CallGate();
    private final Object loadLock = new Object();
    private volatile OrtEmbedder embedder;

    /**
     * @param maxBatchSize most crops per native run (larger batches are split); bounds the staging memory of uint8
     *                     input to {@code maxBatchSize x 3 x H x W} floats per concurrent caller
     */
    public OnnxRuntimeBackend(ModelSpec modelSpec, SessionSettings settings, int maxBatchSize) {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        this.modelSpec = modelSpec;
        this.settings = settings;
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
        List<OrtSession> sessions = new ArrayList<>();
        boolean success = false;
        try {
            for (int i = 0; i < settings.sessions(); i++) {
                sessions.add(OrtSession.open(model, settings));
            }
            OrtSession first = sessions.getFirst();
            EmbeddingModelShape shape = EmbeddingModelShape.of(model, first.inputs(), first.outputs());
            OrtEmbedder loaded = new OrtEmbedder(model, sessions, shape, settings, maxBatchSize);
            success = true;
            LOG.debug("loaded {} ({}, {} -> {}) in {} ms", model.location(), shape.cropSize(), shape.inputName(),
                    shape.outputName(), (System.nanoTime() - start) / 1_000_000);
            return loaded;
        } finally {
            if (!success) {
                sessions.forEach(OrtSession::close);
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
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("faceembed", FaceembedVersion.get());
            versions.put("onnxruntime", OrtEnvironment.get().version());
            versions.put("java", Runtime.version().toString());
            Map<String, String> config = new LinkedHashMap<>();
            config.put("intra_op_threads", Integer.toString(settings.intraOpThreads()));
            config.put("inter_op_threads", Integer.toString(settings.interOpThreads()));
            config.put("graph_optimization", settings.optimization().name());
            config.put("execution_mode", settings.parallelExecution() ? "parallel" : "sequential");
            config.put("flush_denormals", Boolean.toString(settings.flushDenormals()));
            config.put("sessions", Integer.toString(settings.sessions()));
            config.put("execution_provider", settings.provider().ortName());
            config.put("onnxruntime_library", OrtEnvironment.get().libraryLocation());
            String device = settings.provider() == ExecutionProvider.CPU ? "cpu"
                    : "cuda:" + settings.deviceId() + " (" + settings.provider().ortName() + ")";
            return new Diagnostics(NAME, NAME, "", device, "fp32", e.runBatch(), e.shape().dim(),
                    e.model().spec().name(), e.model().location(), e.model().sha256(), "", versions, config);
        } finally {
            gate.exit();
        }
    }

    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        OrtEmbedder e;
        synchronized (loadLock) {
            e = embedder;
        }
        if (e != null) {
            e.terminateRuns();
        }
        gate.awaitDrained();
        if (e != null) {
            e.close();
        }
    }
}

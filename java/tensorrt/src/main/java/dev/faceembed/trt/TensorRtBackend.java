package dev.faceembed.trt;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingException;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FeException;
import dev.faceembed.bindings.trt.FeStatus;
import dev.faceembed.internal.CallGate;
import dev.faceembed.internal.EmbeddingChecks;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * The tensorrt backend: a TensorRT engine on one GPU, run through the shim. uint8 crops go to the GPU as they are
 * (a quarter of the bytes of float input) and are converted there; float input is checked for NaN and infinity on
 * the GPU; L2 normalisation runs on the GPU too. Batches from {@link #allocateBatch} and outputs from
 * {@link #allocateOutput} live in pinned host memory on the engine's device, so the copies are plain DMA.
 *
 * <p>At most {@code tensorrt.runners} calls run at once (each on its own runner); more callers wait.
 */
final class TensorRtBackend implements EmbeddingBackend {
    private final EngineRuntime runtime;
    private final EngineRuntime.LoadedEngine engine;
    private final int device;
    private final CallGate gate = new CallGate();
    private final RunnerPool runners;
    private final Diagnostics diagnostics;
    private final Consumer<RunnerPool> onClose;

    /**
     * @param diagnostics what to report; the batch size and embedding size are added from the engine
     * @param onClose     run with the runners after the last call ended and before they close (the layer profile)
     */
    TensorRtBackend(EngineRuntime runtime, EngineRuntime.LoadedEngine engine, int device, int runnerCount,
                    RunnerSettings settings, Diagnostics.Builder diagnostics, Consumer<RunnerPool> onClose) {
        this.runtime = runtime;
        this.engine = engine;
        this.device = device;
        this.onClose = onClose;
        this.runners = new RunnerPool(runnerCount, () -> engine.newRunner(settings));
        EngineShape shape = engine.shape();
        this.diagnostics = diagnostics.maxBatchSize(shape.maxBatch()).embeddingDim(shape.embeddingDim())
                .setting("profiles", shape.profiles()).setting("activation_bytes", shape.activationBytes()).build();
    }

    /** Makes the first runner now, so that the first call pays for no set-up (the runner warms itself up). */
    TensorRtBackend warmedUp() {
        runners.release(runners.acquire());
        return this;
    }

    @Override
    public String name() {
        return TensorRtProvider.NAME;
    }

    @Override
    public void ensureReady() {
        if (gate.isClosed()) {
            throw closed();
        }
    }

    @Override
    public int embeddingDim() {
        return engine.shape().embeddingDim();
    }

    @Override
    public CropSize cropSize() {
        return engine.shape().cropSize();
    }

    /** Pinned host memory: the caller fills exactly the bytes the GPU copies. */
    @Override
    public FaceBatch allocateBatch(Arena arena, CropLayout layout, int capacity) {
        CropSize size = cropSize();
        long bytes = Math.max(1, capacity * layout.cropBytes(size.height(), size.width()));
        return FaceBatch.wrap(runtime.allocatePinned(device, bytes, arena), layout, size, capacity);
    }

    /** Pinned host memory: the GPU writes the embeddings there directly, with no staging copy. */
    @Override
    public MemorySegment allocateOutput(Arena arena, int capacity) {
        return runtime.allocatePinned(device, Math.max(1, (long) capacity * embeddingDim() * Float.BYTES), arena);
    }

    @Override
    public void encodeInto(FaceBatch crops, MemorySegment out) {
        if (!gate.tryEnter()) {
            throw closed();
        }
        try {
            check(crops, out);
            int count = crops.count();
            if (count == 0) {
                return;
            }
            int layout = crops.layout() == CropLayout.UINT8_HWC_RGB ? FaceembedTrt.FE_LAYOUT_UINT8_HWC_RGB
                    : FaceembedTrt.FE_LAYOUT_FLOAT32_NCHW;
            EngineRuntime.Runner runner = runners.acquire();
            try {
                runner.run(crops.segment(), layout, count, crops.size().height(), crops.size().width(), out);
            } finally {
                runners.release(runner);
            }
            EmbeddingChecks.requireNormalised(out, count, embeddingDim());
        } catch (FeException e) {
            if (e.status() == FeStatus.INVALID_ARGUMENT) {
                throw new InvalidInputException("TensorRT refused the crops: " + e.getMessage(), e);
            }
            throw new EmbeddingException("TensorRT inference failed: " + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    private void check(FaceBatch crops, MemorySegment out) {
        if (!crops.size().equals(cropSize())) {
            throw new InvalidInputException("crops are " + crops.size() + " but the engine takes " + cropSize()
                    + ": resize or align them to " + cropSize());
        }
        long needed = (long) crops.count() * embeddingDim() * Float.BYTES;
        if (out.byteSize() < needed || !out.isNative() || out.isReadOnly() || out.address() % Float.BYTES != 0) {
            throw new InvalidInputException("output must be writable native memory of at least " + needed
                    + " bytes aligned to 4 (" + crops.count() + " embeddings of " + embeddingDim() + " floats)");
        }
        if (!crops.segment().isNative()) {
            throw new InvalidInputException("crops must be in native memory (allocate the batch from an Arena)");
        }
    }

    /** The diagnostics of the backend, with what its runners report (CUDA graphs in use, memory). */
    @Override
    public Diagnostics diagnostics() {
        if (gate.isClosed()) {
            throw closed();
        }
        StringBuilder runnerReports = new StringBuilder();
        for (EngineRuntime.Runner runner : runners.made()) {
            runnerReports.append(runnerReports.isEmpty() ? "" : " | ").append(runner.describe().strip()
                    .replace('\n', ';'));
        }
        return diagnostics.withSetting("runners", runnerReports.toString());
    }

    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        gate.awaitDrained();
        try {
            onClose.accept(runners);
        } finally {
            runners.close();
            engine.close();
        }
    }

    private static BackendClosedException closed() {
        return new BackendClosedException("the " + TensorRtProvider.NAME + " backend is closed");
    }

    @Override
    public String toString() {
        return "TensorRtBackend[" + engine.shape() + " on cuda:" + device + "]";
    }
}

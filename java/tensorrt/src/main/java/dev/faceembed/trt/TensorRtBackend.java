package dev.faceembed.trt;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.EmbeddingException;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.ModelException;
import dev.faceembed.bindings.trt.FaceembedTrt;
import dev.faceembed.bindings.trt.FeCheck;
import dev.faceembed.bindings.trt.FeEngineIo;
import dev.faceembed.bindings.trt.FeException;
import dev.faceembed.bindings.trt.FePreprocess;
import dev.faceembed.internal.CallGate;
import dev.faceembed.internal.FloatChecks;
import dev.faceembed.internal.LendingPool;
import dev.faceembed.model.Preprocessing;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static dev.faceembed.bindings.trt.FaceembedTrt.C_POINTER;

/**
 * The tensorrt backend: a TensorRT engine on one GPU, run through the shim. uint8 crops go to the GPU as they are
 * (a quarter of the bytes of float input) and are converted there; L2 normalisation runs on the GPU too. Batches
 * from {@link #allocateBatch} live in pinned host memory, so the caller's writes are what the DMA engine reads.
 */
final class TensorRtBackend implements EmbeddingBackend {
    /** Owns the engine and the preprocessing constants; closing the backend closes it. */
    private final Arena owner;
    private final CallGate gate = new CallGate();
    private final MemorySegment engine;
    private final CropSize cropSize;
    private final int dim;
    private final LendingPool<ShimRunner> runners;
    private final Diagnostics diagnostics;

    private TensorRtBackend(Arena owner, MemorySegment engine, CropSize cropSize, int dim, int maxBatch, int streams,
                            MemorySegment preprocess, Diagnostics diagnostics) {
        this.owner = owner;
        this.engine = engine;
        this.cropSize = cropSize;
        this.dim = dim;
        this.diagnostics = diagnostics;
        this.runners = new LendingPool<>(Math.max(2, Runtime.getRuntime().availableProcessors()),
                () -> new ShimRunner(engine, maxBatch, streams, preprocess));
    }

    /**
     * Loads a plan file (mapped, not copied) onto {@code device}.
     *
     * @param diagnostics what to report; the batch size and embedding size are added from the engine
     */
    static TensorRtBackend load(Path plan, int device, int streams, Preprocessing preprocessing,
                                Diagnostics.Builder diagnostics) {
        Arena arena = Arena.ofShared();
        boolean success = false;
        try (FileChannel channel = FileChannel.open(plan, StandardOpenOption.READ); Arena call = Arena.ofConfined()) {
            MemorySegment bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), call);
            MemorySegment out = call.allocate(C_POINTER);
            FeCheck.check(FaceembedTrt.fe_engine_load(bytes, bytes.byteSize(), device, out), "fe_engine_load");
            MemorySegment engine = out.get(C_POINTER, 0).reinterpret(arena, FaceembedTrt::fe_engine_release);
            MemorySegment io = call.allocate(FeEngineIo.LAYOUT);
            FeCheck.check(FaceembedTrt.fe_engine_describe(engine, io), "fe_engine_describe");
            if (FeEngineIo.inputDim(io, 1) != 3 || FeEngineIo.inputDim(io, 2) <= 0 || FeEngineIo.outputDim(io, 1) <= 0) {
                throw new ModelException("engine " + plan + " has input [" + FeEngineIo.inputDim(io, 0) + ","
                        + FeEngineIo.inputDim(io, 1) + "," + FeEngineIo.inputDim(io, 2) + ","
                        + FeEngineIo.inputDim(io, 3) + "] and output dimension " + FeEngineIo.outputDim(io, 1)
                        + "; faceembed needs [N,3,H,W] in and [N,D] out");
            }
            CropSize size = new CropSize((int) FeEngineIo.inputDim(io, 2), (int) FeEngineIo.inputDim(io, 3));
            int dim = (int) FeEngineIo.outputDim(io, 1);
            int maxBatch = FeEngineIo.maxBatch(io);
            MemorySegment preprocess = arena.allocate(FePreprocess.LAYOUT);
            for (int plane = 0; plane < 3; plane++) {
                FePreprocess.setPlane(preprocess, plane, preprocessing.channelOrder().rgbChannelOfPlane(plane),
                        preprocessing.mean().get(plane).floatValue(), preprocessing.std().get(plane).floatValue());
            }
            Diagnostics d = diagnostics.maxBatchSize(maxBatch).embeddingDim(dim).build();
            TensorRtBackend backend = new TensorRtBackend(arena, engine, size, dim, maxBatch, streams, preprocess, d);
            success = true;
            return backend;
        } catch (IOException e) {
            throw new EmbeddingException("cannot read engine " + plan + ": " + e.getMessage(), e);
        } finally {
            if (!success) {
                arena.close();
            }
        }
    }

    @Override
    public String name() {
        return TensorRtProvider.NAME;
    }

    @Override
    public void ensureReady() {
        if (gate.isClosed()) {
            throw new BackendClosedException("the " + TensorRtProvider.NAME + " backend is closed");
        }
    }

    @Override
    public int embeddingDim() {
        return dim;
    }

    @Override
    public CropSize cropSize() {
        return cropSize;
    }

    /** Pinned host memory: the caller fills exactly the bytes the GPU copies. */
    @Override
    public FaceBatch allocateBatch(Arena batchArena, CropLayout layout, int capacity) {
        long bytes = Math.max(1, capacity * layout.cropBytes(cropSize.height(), cropSize.width()));
        MemorySegment pinned = PinnedMemory.allocate(bytes, batchArena);
        return FaceBatch.wrap(pinned, layout, cropSize, capacity);
    }

    @Override
    public void encodeInto(FaceBatch crops, MemorySegment out) {
        if (!gate.tryEnter()) {
            throw new BackendClosedException("the " + TensorRtProvider.NAME + " backend is closed");
        }
        try {
            check(crops, out);
            int count = crops.count();
            if (count == 0) {
                return;
            }
            int layout = crops.layout() == CropLayout.UINT8_HWC_RGB ? FaceembedTrt.FE_LAYOUT_UINT8_HWC_RGB
                    : FaceembedTrt.FE_LAYOUT_FLOAT32_NCHW;
            if (crops.layout() == CropLayout.FLOAT32_NCHW) {
                FloatChecks.rejectNonFinite(crops.segment(), count * crops.cropBytes());
            }
            ShimRunner runner = runners.acquire();
            try {
                runner.run(crops.segment(), layout, count, cropSize.height(), cropSize.width(), out);
            } finally {
                runners.release(runner);
            }
        } catch (FeException e) {
            throw new EmbeddingException("TensorRT inference failed: " + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    private void check(FaceBatch crops, MemorySegment out) {
        if (!crops.size().equals(cropSize)) {
            throw new InvalidInputException("crops are " + crops.size() + " but the engine takes " + cropSize
                    + ": resize or align them to " + cropSize);
        }
        long needed = (long) crops.count() * dim * Float.BYTES;
        if (out.byteSize() < needed || !out.isNative() || out.isReadOnly() || out.address() % Float.BYTES != 0) {
            throw new InvalidInputException("output must be writable native memory of at least " + needed
                    + " bytes aligned to 4 (" + crops.count() + " embeddings of " + dim + " floats)");
        }
        if (!crops.segment().isNative()) {
            throw new InvalidInputException("crops must be in native memory (allocate the batch from an Arena)");
        }
    }

    @Override
    public Diagnostics diagnostics() {
        if (gate.isClosed()) {
            throw new BackendClosedException("the " + TensorRtProvider.NAME + " backend is closed");
        }
        return diagnostics;
    }

    @Override
    public void close() {
        if (!gate.close()) {
            return;
        }
        gate.awaitDrained();
        runners.close();
        owner.close();
    }

    @Override
    public String toString() {
        return "TensorRtBackend[" + engine + "]";
    }
}

package dev.faceembed.onnxruntime;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.internal.EmbeddingChecks;
import dev.faceembed.internal.FloatChecks;
import dev.faceembed.internal.LendingPool;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.preprocess.CropConverter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded model and the hot path around it: check the call, split it into runs the model accepts, convert uint8
 * crops, run, L2-normalise in place. Thread-safe: per-call state lives in a {@link RunContext} borrowed from the pool.
 */
final class OrtEmbedder implements AutoCloseable {
    private final LoadedModel model;
    private final List<OnnxRuntimeSession> sessions;
    private final EmbeddingModelShape shape;
    private final CropConverter converter;
    private final LendingPool<RunContext> pool;
    private final int runBatch;
    private final long outputRowBytes;

    /** Run contexts are spread over the sessions in the order they are made; a thread tends to keep its context. */
    private final AtomicInteger nextSession = new AtomicInteger();

    OrtEmbedder(LoadedModel model, List<OnnxRuntimeSession> sessions, EmbeddingModelShape shape, OnnxRuntimeOptions settings,
                int maxBatchSize) {
        this.model = model;
        this.sessions = List.copyOf(sessions);
        this.shape = shape;
        this.converter = new CropConverter(model.spec().preprocessing(), shape.cropSize());
        this.runBatch = shape.runBatch(maxBatchSize);
        this.outputRowBytes = (long) shape.dim() * Float.BYTES;
        MemorySegment memoryInfo = OnnxRuntimeEnvironment.get().cpuMemoryInfo();
        int slots = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        this.pool = new LendingPool<>(slots, () -> new RunContext(
                this.sessions.get(Math.floorMod(nextSession.getAndIncrement(), this.sessions.size())).handle(),
                shape, memoryInfo, settings.flushDenormals()));
    }

    LoadedModel model() {
        return model;
    }

    EmbeddingModelShape shape() {
        return shape;
    }

    int runBatch() {
        return runBatch;
    }

    void encode(FaceBatch crops, MemorySegment out) {
        check(crops, out);
        int count = crops.count();
        if (count == 0) {
            return;
        }
        RunContext context = pool.acquire();
        try {
            if (crops.layout() == CropLayout.FLOAT32_NCHW) {
                runFloat(context, crops, out, count);
            } else {
                runUint8(context, crops, out, count);
            }
        } finally {
            pool.release(context);
        }
        normalise(out, count);
    }

    private void runFloat(RunContext context, FaceBatch crops, MemorySegment out, int count) {
        MemorySegment data = crops.segment();
        long cropBytes = crops.cropBytes();
        FloatChecks.rejectNonFinite(data, count * cropBytes);
        if (count <= runBatch) {
            context.run(data, out, count);
            return;
        }
        for (int start = 0; start < count; start += runBatch) {
            int rows = Math.min(runBatch, count - start);
            context.run(data.asSlice(start * cropBytes, rows * cropBytes),
                    out.asSlice(start * outputRowBytes, rows * outputRowBytes), rows);
        }
    }

    private void runUint8(RunContext context, FaceBatch crops, MemorySegment out, int count) {
        int chunk = Math.min(runBatch, count);
        long floatCropBytes = CropLayout.FLOAT32_NCHW.cropBytes(shape.cropSize().height(), shape.cropSize().width());
        MemorySegment staging = context.staging(chunk * floatCropBytes);
        for (int start = 0; start < count; start += chunk) {
            int rows = Math.min(chunk, count - start);
            converter.convert(crops.segment(), start * crops.cropBytes(), rows, staging);
            context.run(staging, start == 0 ? out : out.asSlice(start * outputRowBytes, rows * outputRowBytes), rows);
        }
    }

    private void check(FaceBatch crops, MemorySegment out) {
        CropSize expected = shape.cropSize();
        if (!crops.size().equals(expected)) {
            throw new InvalidInputException("crops are " + crops.size() + " but model " + model.spec().name()
                    + " takes " + expected + ": resize or align them to " + expected);
        }
        long needed = crops.count() * outputRowBytes;
        if (out.byteSize() < needed) {
            throw new InvalidInputException("output segment too small: " + crops.count() + " embeddings of "
                    + shape.dim() + " floats need " + needed + " bytes, the segment has " + out.byteSize());
        }
        if (!out.isNative() || out.isReadOnly() || out.address() % Float.BYTES != 0) {
            throw new InvalidInputException("output must be writable native memory aligned to 4 bytes"
                    + " (allocate it from an Arena)");
        }
        if (crops.layout() == CropLayout.FLOAT32_NCHW
                && (!crops.segment().isNative() || crops.segment().address() % Float.BYTES != 0)) {
            throw new InvalidInputException("float32 crops must be in native memory aligned to 4 bytes"
                    + " (allocate the batch from an Arena, or use uint8 crops)");
        }
    }

    private void normalise(MemorySegment out, int count) {
        int dim = shape.dim();
        for (int row = 0; row < count; row++) {
            long base = row * outputRowBytes;
            double sum = 0;
            for (int i = 0; i < dim; i++) {
                float v = out.get(ValueLayout.JAVA_FLOAT, base + (long) i * Float.BYTES);
                sum += (double) v * v;
            }
            EmbeddingChecks.requireNormalisable(sum, row);
            float scale = (float) (1.0 / Math.sqrt(sum));
            for (int i = 0; i < dim; i++) {
                long offset = base + (long) i * Float.BYTES;
                out.set(ValueLayout.JAVA_FLOAT, offset, out.get(ValueLayout.JAVA_FLOAT, offset) * scale);
            }
        }
    }

    /** Stops runs in progress; their callers see an ONNX Runtime error. */
    void terminateRuns() {
        pool.forEachLive(RunContext::terminate);
    }

    @Override
    public void close() {
        pool.close();
        sessions.forEach(OnnxRuntimeSession::close);
    }
}

package dev.faceembed.onnxruntime;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;
import dev.faceembed.internal.EmbeddingChecks;
import dev.faceembed.internal.FloatChecks;
import dev.faceembed.model.LoadedModel;
import dev.faceembed.preprocess.CropConverter;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A loaded model and the hot path around it: check the call, split it into runs the model accepts, convert uint8
 * crops, run, L2-normalise in place. Thread-safe: per-call state lives in a {@link RunContext} borrowed from a
 * {@link SessionGroup}.
 *
 * <p>With fixed settings there is one group: the configured sessions, contexts spread over them in turn. With
 * {@link OnnxRuntimeOptions#adaptToCallers} there is a group per thread count: a call runs with
 * {@link OnnxRuntimeOptions#intraOpThreadsFor} the callers inside at the moment it comes in, on a session of its own,
 * or on the one session of its group when that runs single-threaded (ONNX Runtime serves concurrent runs of a
 * session, and without a thread pool each runs on its caller's thread). A group and its sessions are made the first
 * time its thread count is needed and kept until the embedder closes.
 */
final class OrtEmbedder implements AutoCloseable {
    private final LoadedModel model;
    private final EmbeddingModelShape shape;
    private final CropConverter converter;
    private final int runBatch;
    private final long outputRowBytes;
    private final OnnxRuntimeOptions settings;
    private final Function<OnnxRuntimeOptions, OnnxRuntimeSession> opener;
    private final Function<MemorySegment, RunContext> contextFor;
    /**
     * Groups by thread count, made on first need. An array rather than a map: looking one up allocates nothing. With
     * fixed settings only the configured thread count is ever used.
     */
    private final AtomicReferenceArray<SessionGroup> groups;
    /** Calls inside {@link #encode}, this one included; they choose the group when adapting to the callers. */
    private final AtomicInteger callers = new AtomicInteger();

    /**
     * @param sessions the sessions opened with {@code settings} (at least one, which gave the shape)
     * @param opener   opens another session of the model with the given settings
     */
    OrtEmbedder(LoadedModel model, List<OnnxRuntimeSession> sessions, EmbeddingModelShape shape,
                OnnxRuntimeOptions settings, int maxBatchSize, Function<OnnxRuntimeOptions, OnnxRuntimeSession> opener) {
        this.model = model;
        this.shape = shape;
        this.settings = settings;
        this.opener = opener;
        this.converter = new CropConverter(model.spec().preprocessing(), shape.cropSize());
        this.runBatch = shape.runBatch(maxBatchSize);
        this.outputRowBytes = (long) shape.dim() * Float.BYTES;
        MemorySegment memoryInfo = OnnxRuntimeEnvironment.get().cpuMemoryInfo();
        this.contextFor = session -> new RunContext(session, shape, memoryInfo, settings.flushDenormals());
        int configured = settings.intraOpThreads();
        this.groups = new AtomicReferenceArray<>(configured + 1);
        int limit = settings.adaptToCallers() ? sessionLimit(configured) : sessions.size();
        groups.set(configured, new SessionGroup(sessions, () -> opener.apply(settings), limit, contextFor));
    }

    /** Sessions in an adaptive group: single-threaded runs share one, pooled ones each need a pool of their own. */
    private static int sessionLimit(int threads) {
        return threads == 1 ? 1 : SessionGroup.NO_LIMIT;
    }

    /** The group for a call made while {@code inside} callers (this one included) are in the embedder. */
    private SessionGroup group(int inside) {
        int threads = settings.intraOpThreadsFor(inside);
        SessionGroup group = groups.get(threads);
        return group != null ? group : newGroup(threads);
    }

    private synchronized SessionGroup newGroup(int threads) {
        SessionGroup group = groups.get(threads);
        if (group == null) {
            OnnxRuntimeOptions options = settings.withIntraOpThreads(threads);
            group = new SessionGroup(List.of(), () -> opener.apply(options), sessionLimit(threads), contextFor);
            groups.set(threads, group);
        }
        return group;
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
        int inside = callers.incrementAndGet();
        try {
            SessionGroup group = group(inside);
            RunContext context = group.acquire();
            try {
                if (crops.layout() == CropLayout.FLOAT32_NCHW) {
                    runFloat(context, crops, out, count);
                } else {
                    runUint8(context, crops, out, count);
                }
            } finally {
                group.release(context);
            }
        } finally {
            callers.decrementAndGet();
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
        forEachGroup(SessionGroup::terminateRuns);
    }

    @Override
    public void close() {
        forEachGroup(SessionGroup::close);
    }

    private void forEachGroup(Consumer<SessionGroup> action) {
        for (int i = 0; i < groups.length(); i++) {
            SessionGroup group = groups.get(i);
            if (group != null) {
                action.accept(group);
            }
        }
    }
}

package dev.faceembed;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** The onnxruntime backend standing in for a backend that could not run; its diagnostics say why. */
final class FallbackBackend implements EmbeddingBackend {
    private final EmbeddingBackend delegate;
    private final String requested;
    private final String reason;

    FallbackBackend(EmbeddingBackend delegate, String requested, String reason) {
        this.delegate = delegate;
        this.requested = requested;
        this.reason = reason;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void ensureReady() {
        delegate.ensureReady();
    }

    @Override
    public int embeddingDim() {
        return delegate.embeddingDim();
    }

    @Override
    public CropSize cropSize() {
        return delegate.cropSize();
    }

    @Override
    public FaceBatch allocateBatch(Arena arena, CropLayout layout, int capacity) {
        return delegate.allocateBatch(arena, layout, capacity);
    }

    @Override
    public void encodeInto(FaceBatch crops, MemorySegment out) {
        delegate.encodeInto(crops, out);
    }

    @Override
    public Diagnostics diagnostics() {
        return delegate.diagnostics().withFallback(requested, reason);
    }

    @Override
    public void close() {
        delegate.close();
    }
}

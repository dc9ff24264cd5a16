package dev.faceembed.spi;

import dev.faceembed.CropLayout;
import dev.faceembed.CropSize;
import dev.faceembed.Diagnostics;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.FaceBatch;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/** A backend that forwards every call to another; subclasses override what they change. */
public abstract class ForwardingBackend implements EmbeddingBackend {
    private final EmbeddingBackend delegate;

    /**
     * A backend forwarding to {@code delegate}.
     *
     * @param delegate the backend that does the work; {@link #close()} closes it
     */
    protected ForwardingBackend(EmbeddingBackend delegate) {
        this.delegate = delegate;
    }

    /**
     * The backend calls are forwarded to.
     *
     * @return the delegate
     */
    protected EmbeddingBackend delegate() {
        return delegate;
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
    public MemorySegment allocateOutput(Arena arena, int capacity) {
        return delegate.allocateOutput(arena, capacity);
    }

    @Override
    public void encodeInto(FaceBatch crops, MemorySegment out) {
        delegate.encodeInto(crops, out);
    }

    @Override
    public Diagnostics diagnostics() {
        return delegate.diagnostics();
    }

    @Override
    public void close() {
        delegate.close();
    }
}

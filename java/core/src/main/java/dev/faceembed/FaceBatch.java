package dev.faceembed;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An off-heap batch of face crops in a declared {@link CropLayout}: the unit every backend consumes.
 *
 * <p>A batch has a fixed capacity and a current {@link #count()} (how many leading crops are filled), so one batch
 * can be allocated once and refilled for every call. Batches from {@link EmbeddingBackend#allocateBatch} may live in
 * the backend's own memory (pinned host memory for TensorRT): filling those directly costs no copy at all.
 *
 * <p>A batch is not thread-safe; the memory is owned by the arena it was allocated in (or by whoever owns the
 * wrapped segment).
 */
public final class FaceBatch {
    /** Alignment of allocated batches: a cache line, and what vectorised kernels like. */
    public static final long ALIGNMENT = 64;

    private final MemorySegment data;
    private final CropLayout layout;
    private final CropSize size;
    private final int capacity;
    private int count;

    private FaceBatch(MemorySegment data, CropLayout layout, CropSize size, int capacity, int count) {
        this.data = data;
        this.layout = layout;
        this.size = size;
        this.capacity = capacity;
        this.count = count;
    }

    /** Allocates room for {@code capacity} crops in {@code arena}; the count starts at {@code capacity}. */
    public static FaceBatch allocate(Arena arena, CropLayout layout, CropSize size, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        MemorySegment data = arena.allocate(Math.max(1, capacity * layout.cropBytes(size.height(), size.width())),
                ALIGNMENT);
        return new FaceBatch(data, layout, size, capacity, capacity);
    }

    /**
     * Wraps caller memory holding {@code count} crops (no copy).
     *
     * @throws InvalidInputException if the segment is smaller than {@code count} crops of this size and layout
     */
    public static FaceBatch wrap(MemorySegment data, CropLayout layout, CropSize size, int count) {
        if (count < 0) {
            throw new InvalidInputException("crop count must be >= 0, got " + count);
        }
        long cropBytes = layout.cropBytes(size.height(), size.width());
        long needed = count * cropBytes;
        if (data.byteSize() < needed) {
            throw new InvalidInputException("segment too small: " + count + " crops of " + size + " " + layout
                    + " need " + needed + " bytes, the segment has " + data.byteSize());
        }
        int capacity = (int) Math.min(Integer.MAX_VALUE, data.byteSize() / cropBytes);
        return new FaceBatch(data, layout, size, capacity, count);
    }

    public CropLayout layout() {
        return layout;
    }

    public CropSize size() {
        return size;
    }

    /** How many crops the memory has room for. */
    public int capacity() {
        return capacity;
    }

    /** How many leading crops are filled and will be encoded. */
    public int count() {
        return count;
    }

    /** Sets how many leading crops are filled (0 to {@link #capacity()}). */
    public FaceBatch setCount(int count) {
        if (count < 0 || count > capacity) {
            throw new InvalidInputException("crop count " + count + " is outside 0.." + capacity
                    + " (the capacity of this batch)");
        }
        this.count = count;
        return this;
    }

    /** Bytes of one crop. */
    public long cropBytes() {
        return layout.cropBytes(size.height(), size.width());
    }

    /** The whole memory of the batch (all {@link #capacity()} crops), for callers filling it in place. */
    public MemorySegment segment() {
        return data;
    }

    /** The memory of crop {@code index}, for filling it in place. */
    public MemorySegment crop(int index) {
        if (index < 0 || index >= capacity) {
            throw new IndexOutOfBoundsException("crop " + index + " of a batch with capacity " + capacity);
        }
        return data.asSlice(index * cropBytes(), cropBytes());
    }

    @Override
    public String toString() {
        return "FaceBatch[" + count + "/" + capacity + " x " + size + " " + layout + "]";
    }
}

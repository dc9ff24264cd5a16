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

    /**
     * Allocates room for {@code capacity} crops in {@code arena}; the count starts at {@code capacity}.
     *
     * @param arena    owner of the memory; the batch is usable while it is alive
     * @param layout   how the crops are laid out
     * @param size     height and width of each crop
     * @param capacity how many crops the batch has room for, 0 or more
     * @return the batch, aligned to {@link #ALIGNMENT} bytes
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static FaceBatch allocate(Arena arena, CropLayout layout, CropSize size, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        MemorySegment data = arena.allocate(Math.max(1, capacity * layout.cropBytes(size.height(), size.width())),
                ALIGNMENT);
        return new FaceBatch(data, layout, size, capacity, capacity);
    }

    /**
     * Wraps caller memory holding {@code count} crops (no copy). The capacity is as many whole crops as the segment
     * holds.
     *
     * @param data   the crops, back to back from offset 0; stays owned by the caller
     * @param layout how the crops are laid out
     * @param size   height and width of each crop
     * @param count  how many leading crops are filled, 0 or more
     * @return a batch over {@code data}
     * @throws InvalidInputException if {@code count} is negative or the segment is smaller than {@code count} crops of
     *                               this size and layout
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

    /**
     * How the crops are laid out in memory.
     *
     * @return the layout, never null
     */
    public CropLayout layout() {
        return layout;
    }

    /**
     * Height and width of every crop in the batch.
     *
     * @return the crop size, never null
     */
    public CropSize size() {
        return size;
    }

    /**
     * How many crops the memory has room for.
     *
     * @return the capacity, 0 or more
     */
    public int capacity() {
        return capacity;
    }

    /**
     * How many leading crops are filled and will be encoded.
     *
     * @return the count, 0 to {@link #capacity()}
     */
    public int count() {
        return count;
    }

    /**
     * Sets how many leading crops are filled.
     *
     * @param count filled crops, 0 to {@link #capacity()}
     * @return this batch
     * @throws InvalidInputException if {@code count} is outside 0 to {@link #capacity()}
     */
    public FaceBatch setCount(int count) {
        if (count < 0 || count > capacity) {
            throw new InvalidInputException("crop count " + count + " is outside 0.." + capacity
                    + " (the capacity of this batch)");
        }
        this.count = count;
        return this;
    }

    /**
     * Bytes of one crop.
     *
     * @return {@code 3 * height * width} times 1 for 8-bit and 4 for float crops
     */
    public long cropBytes() {
        return layout.cropBytes(size.height(), size.width());
    }

    /**
     * The whole memory of the batch (all {@link #capacity()} crops), for callers filling it in place.
     *
     * @return the segment the batch was allocated or wrapped with (no copy)
     */
    public MemorySegment segment() {
        return data;
    }

    /**
     * The memory of crop {@code index}, for filling it in place.
     *
     * @param index the crop, 0 to {@code capacity() - 1}
     * @return a slice of {@link #cropBytes()} bytes of the batch's memory (no copy)
     * @throws IndexOutOfBoundsException if {@code index} is outside the capacity
     */
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

package dev.faceembed;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Turns aligned face crops into L2-normalised embeddings. Instances are safe for concurrent use by many threads;
 * {@link #close()} may be called while other threads are inside {@code encode}: they finish or fail with
 * {@link BackendClosedException}, and later calls fail with it too.
 *
 * <p>The hot path is {@link #encodeInto(FaceBatch, MemorySegment)}: crops in off-heap memory, embeddings written to
 * caller memory, nothing allocated on the Java heap in steady state. {@link #encode(FaceBatch)} is a convenience
 * that allocates; {@code ImageCrops} encodes decoded images and image files.
 */
public interface EmbeddingBackend extends AutoCloseable {

    /**
     * The id of the backend, e.g. {@code onnxruntime} or {@code tensorrt}.
     *
     * @return the id of the backend that runs, as its {@link dev.faceembed.spi.BackendProvider#id()} gives it
     */
    String name();

    /**
     * Loads the model (or engine) if it is not loaded yet; idempotent and thread-safe. Every other method calls it
     * when needed; call it up front to fail early and to keep loading out of the first timed call.
     *
     * @throws ModelException              if the model is missing, corrupt or not a face embedder
     * @throws BackendUnavailableException if the native runtime cannot be loaded
     * @throws BackendClosedException      after {@link #close()}
     */
    void ensureReady();

    /**
     * Floats per embedding, e.g. 512; loads the model if needed.
     *
     * @return the embedding dimension, positive
     */
    int embeddingDim();

    /**
     * The crop size the model takes, e.g. 112x112; loads the model if needed.
     *
     * @return the crop size, never null
     */
    CropSize cropSize();

    /**
     * Allocates a batch for {@code capacity} crops in the memory this backend reads fastest from (plain off-heap
     * memory here; pinned host memory for TensorRT), owned by {@code arena}.
     *
     * @param arena    owner of the memory
     * @param layout   how the crops will be laid out
     * @param capacity crops the batch has room for, 0 or more
     * @return a batch of the model's {@link #cropSize()}, its count at {@code capacity}
     */
    default FaceBatch allocateBatch(Arena arena, CropLayout layout, int capacity) {
        return FaceBatch.allocate(arena, layout, cropSize(), capacity);
    }

    /**
     * Allocates output memory for {@code capacity} embeddings in the memory this backend writes fastest to (plain
     * off-heap memory here; pinned host memory for TensorRT, which its GPU writes without a staging copy), owned by
     * {@code arena}.
     *
     * @param arena    owner of the memory
     * @param capacity embeddings the memory has room for
     * @return a segment of {@code capacity * embeddingDim() * 4} bytes (at least 1)
     */
    default MemorySegment allocateOutput(Arena arena, int capacity) {
        return arena.allocate(Math.max(1L, (long) capacity * embeddingDim() * Float.BYTES), FaceBatch.ALIGNMENT);
    }

    /**
     * Encodes {@code crops.count()} crops into {@code out}, row-major {@code count x embeddingDim()} float32. An empty
     * batch does nothing.
     *
     * @param crops the crops to encode, in the model's crop size
     * @param out   native memory of at least {@code count * embeddingDim() * 4} bytes, 4-byte aligned
     * @throws InvalidInputException if the crops have the wrong size, the segments are too small or not native, or
     *                               float input holds NaN or infinity
     */
    void encodeInto(FaceBatch crops, MemorySegment out);

    /**
     * Encodes into freshly allocated memory. An empty batch gives empty embeddings.
     *
     * @param crops the crops to encode, in the model's crop size
     * @return {@code crops.count()} embeddings in garbage-collected memory
     * @throws InvalidInputException as {@link #encodeInto} does
     */
    default Embeddings encode(FaceBatch crops) {
        ensureReady();
        Embeddings embeddings = Embeddings.allocate(crops.count(), embeddingDim());
        encodeInto(crops, embeddings.segment());
        return embeddings;
    }

    /**
     * What runs and how; loads the model if needed.
     *
     * @return a snapshot of the backend's settings and state
     */
    Diagnostics diagnostics();

    /** Frees native resources; waits for calls in progress to end (they are asked to stop early). Idempotent. */
    @Override
    void close();
}

package dev.faceembed.spi;

import java.lang.foreign.MemorySegment;

/**
 * One caller's reusable run of a {@link ModelRunner}'s model: input and output memory that the run owns, bound to the
 * model once, so each {@link #run()} is one native call and allocates nothing. Used by one thread at a time; several
 * runs of one runner may run at once.
 */
public interface TensorRun extends AutoCloseable {

    /**
     * The memory of input {@code index}: float32, row-major, {@link TensorShape#elements()} floats.
     *
     * @param index the input, in the order of {@link ModelRunner#inputs()}
     * @return the run's own memory, written by the caller before {@link #run()}; valid until {@link #close()}
     * @throws IndexOutOfBoundsException if the model has no such input
     */
    MemorySegment input(int index);

    /**
     * The memory of output {@code index}, written by {@link #run()}.
     *
     * @param index the output, in the order of {@link ModelRunner#outputs()}
     * @return the run's own memory, float32, row-major; valid until {@link #close()}
     * @throws IndexOutOfBoundsException if the model has no such output
     */
    MemorySegment output(int index);

    /**
     * Runs the model on the inputs, writing the outputs.
     *
     * @throws dev.faceembed.BackendClosedException if the runner was closed
     * @throws dev.faceembed.EmbeddingException     if the runtime fails
     */
    void run();

    /** Frees the memory; idempotent. Closing the runner closes its runs too. */
    @Override
    void close();
}

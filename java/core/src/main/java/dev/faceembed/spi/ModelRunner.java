package dev.faceembed.spi;

import java.util.List;

/**
 * A model with float32 inputs and outputs of fixed shapes, loaded by a backend for the stages in front of the
 * embedder (the face detector, the landmark model): see {@link BackendProvider#openModelRunner}. Thread-safe; each
 * thread runs through its own {@link TensorRun}.
 */
public interface ModelRunner extends AutoCloseable {

    /**
     * The model's inputs, in the order of {@link TensorRun#input(int)}.
     *
     * @return the inputs' names and shapes
     */
    List<TensorShape> inputs();

    /**
     * The model's outputs, in the order of {@link TensorRun#output(int)}.
     *
     * @return the outputs' names and shapes
     */
    List<TensorShape> outputs();

    /**
     * A new run with its own input and output memory.
     *
     * @return a run for one thread at a time; close it, or the runner, when done
     * @throws dev.faceembed.BackendClosedException after {@link #close()}
     */
    TensorRun newRun();

    /**
     * Stops runs in progress (their callers get an exception), waits for them to leave, then frees the runs and the
     * model. Idempotent.
     */
    @Override
    void close();
}

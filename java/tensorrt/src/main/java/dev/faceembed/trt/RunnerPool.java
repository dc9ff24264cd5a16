package dev.faceembed.trt;

import dev.faceembed.BackendClosedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * At most {@code capacity} runners of one engine, made on first need and kept until the pool closes: each holds
 * device memory and execution contexts, and freeing them on the hot path would stall the device. Callers beyond the
 * capacity wait for a runner. Taking and returning a runner is a permit and a CAS on a fixed array of slots: no lock,
 * no allocation.
 */
final class RunnerPool implements AutoCloseable {
    private final Semaphore permits;
    private final AtomicReferenceArray<EngineRuntime.Runner> idle;
    private final List<EngineRuntime.Runner> made = new ArrayList<>();
    private final Supplier<EngineRuntime.Runner> factory;
    private volatile boolean closed;

    RunnerPool(int capacity, Supplier<EngineRuntime.Runner> factory) {
        this.permits = new Semaphore(capacity, true);
        this.idle = new AtomicReferenceArray<>(capacity);
        this.factory = factory;
    }

    /**
     * A runner for the caller's exclusive use until {@link #release}; waits while every runner is in use.
     *
     * @throws BackendClosedException if the pool is closed, or closes while the caller waits
     */
    EngineRuntime.Runner acquire() {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendClosedException("interrupted while waiting for a TensorRT runner", e);
        }
        if (closed) {
            permits.release();
            throw new BackendClosedException("the tensorrt backend is closed");
        }
        for (int slot = 0; slot < idle.length(); slot++) {
            EngineRuntime.Runner runner = idle.get(slot);
            if (runner != null && idle.compareAndSet(slot, runner, null)) {
                return runner;
            }
        }
        try {
            EngineRuntime.Runner runner = factory.get();
            synchronized (made) {
                made.add(runner);
            }
            return runner;
        } catch (RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    void release(EngineRuntime.Runner runner) {
        for (int slot = 0; slot < idle.length(); slot++) {
            if (idle.get(slot) == null && idle.compareAndSet(slot, null, runner)) {
                permits.release();
                return;
            }
        }
        throw new IllegalStateException("more runners returned than the pool holds");
    }

    /** Every runner made so far, in use or idle. */
    List<EngineRuntime.Runner> made() {
        synchronized (made) {
            return List.copyOf(made);
        }
    }

    /**
     * Closes every runner. The caller makes sure no run is in progress; callers still waiting for a runner get
     * {@link BackendClosedException}.
     */
    @Override
    public void close() {
        closed = true;
        for (EngineRuntime.Runner runner : made()) {
            runner.close();
        }
    }
}

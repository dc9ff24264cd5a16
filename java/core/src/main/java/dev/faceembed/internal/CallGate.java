package dev.faceembed.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the calls inside a native resource so it can be closed while other threads use it: after
 * {@link #close()} no call enters, and the closer waits for the calls already inside to leave before it frees
 * anything. Entering and leaving are one CAS each, with no allocation and no lock.
 */
public final class CallGate {
    private static final int CLOSED = 1 << 30;

    private final AtomicInteger state = new AtomicInteger();
    private final Object drained = new Object();

    /** An open gate with no call inside. */
    public CallGate() {
    }

    /**
     * Enters unless closed; a {@code true} result must be paired with {@link #exit()}.
     *
     * @return true if the call entered, false if the gate is closed
     */
    public boolean tryEnter() {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s + 1)) {
                return true;
            }
        }
    }

    /** Leaves after a successful {@link #tryEnter()}; the last call to leave a closed gate wakes the closer. */
    public void exit() {
        if (state.decrementAndGet() == CLOSED) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once the gate is closed
     */
    public boolean isClosed() {
        return (state.get() & CLOSED) != 0;
    }

    /**
     * Closes the gate. Returns {@code false} if it was already closed (only one closer proceeds), otherwise
     * {@code true}; then call {@link #awaitDrained()} after telling the calls inside to finish early.
     *
     * @return true for the one call that closed the gate
     */
    public boolean close() {
        while (true) {
            int s = state.get();
            if ((s & CLOSED) != 0) {
                return false;
            }
            if (state.compareAndSet(s, s | CLOSED)) {
                return true;
            }
        }
    }

    /** Waits until every call that entered before {@link #close()} has left. */
    public void awaitDrained() {
        boolean interrupted = false;
        synchronized (drained) {
            while (state.get() != CLOSED) {
                try {
                    drained.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

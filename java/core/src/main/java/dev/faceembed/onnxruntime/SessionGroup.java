package dev.faceembed.onnxruntime;

import dev.faceembed.internal.LendingPool;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Run contexts over the sessions of one thread count. The n-th context made runs on session {@code n % limit}, and a
 * session is opened when a context first needs it: with {@code limit} 1 every context shares one session, with no
 * limit each context has a session (and so a thread pool) of its own. Thread-safe.
 */
final class SessionGroup implements AutoCloseable {
    /** No limit: a session per context. */
    static final int NO_LIMIT = Integer.MAX_VALUE;

    private final Supplier<OnnxRuntimeSession> opener;
    private final int limit;
    private final List<OnnxRuntimeSession> sessions = new ArrayList<>();
    private final LendingPool<RunContext> contexts;
    private int made;

    /**
     * @param open       sessions already open, used first (and closed with the group)
     * @param opener     opens one more session of this group's thread count
     * @param limit      most sessions; contexts beyond it share them in turn
     * @param contextFor makes a run context for a session handle
     */
    SessionGroup(List<OnnxRuntimeSession> open, Supplier<OnnxRuntimeSession> opener, int limit,
                 Function<MemorySegment, RunContext> contextFor) {
        this.opener = opener;
        this.limit = limit;
        this.sessions.addAll(open);
        this.contexts = LendingPool.perProcessor(() -> contextFor.apply(nextSession()));
    }

    private synchronized MemorySegment nextSession() {
        int index = made % limit;
        if (index == sessions.size()) {
            sessions.add(opener.get());
        }
        made++;
        return sessions.get(index).handle();
    }

    RunContext acquire() {
        return contexts.acquire();
    }

    void release(RunContext context) {
        contexts.release(context);
    }

    /** Stops the runs in progress on this group's contexts; their callers see an ONNX Runtime error. */
    void terminateRuns() {
        contexts.forEachLive(RunContext::terminate);
    }

    /** Closes the contexts, then the sessions; only once no context is lent out. */
    @Override
    public synchronized void close() {
        contexts.close();
        sessions.forEach(OnnxRuntimeSession::close);
        sessions.clear();
    }
}

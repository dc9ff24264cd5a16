package dev.faceembed.onnxruntime;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Lends {@link RunContext}s to concurrent callers without locks or per-call allocation: idle contexts sit in a
 * fixed array of slots taken and returned by CAS. When every slot is empty a new context is made; when every slot
 * is full on return, the surplus context is closed. Every context ever lent is also remembered, so
 * {@link #terminateAll()} can stop runs in progress before the pool is closed.
 */
final class RunContextPool implements AutoCloseable {
    private final AtomicReferenceArray<RunContext> idle;
    private final Queue<RunContext> live = new ConcurrentLinkedQueue<>();
    private final Supplier<RunContext> factory;

    RunContextPool(int slots, Supplier<RunContext> factory) {
        this.idle = new AtomicReferenceArray<>(slots);
        this.factory = factory;
    }

    RunContext acquire() {
        int n = idle.length();
        int start = (int) (Thread.currentThread().threadId() % n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            RunContext context = idle.get(slot);
            if (context != null && idle.compareAndSet(slot, context, null)) {
                return context;
            }
        }
        RunContext context = factory.get();
        live.add(context);
        return context;
    }

    void release(RunContext context) {
        int n = idle.length();
        int start = (int) (Thread.currentThread().threadId() % n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            if (idle.get(slot) == null && idle.compareAndSet(slot, null, context)) {
                return;
            }
        }
        live.remove(context);
        context.close();
    }

    /** Asks every run in progress to stop. */
    void terminateAll() {
        live.forEach(RunContext::terminate);
    }

    /** Closes every context; only once no context is lent out. */
    @Override
    public void close() {
        RunContext context;
        while ((context = live.poll()) != null) {
            context.close();
        }
        for (int i = 0; i < idle.length(); i++) {
            idle.set(i, null);
        }
    }
}

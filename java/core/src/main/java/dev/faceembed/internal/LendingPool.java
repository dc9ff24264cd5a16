package dev.faceembed.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Lends per-call native state (run contexts, TensorRT runners) to concurrent callers without locks or per-call
 * allocation: idle items sit in a fixed array of slots taken and returned by CAS. When every slot is empty a new item
 * is made; when every slot is full on return, the surplus item is closed. Every item ever lent is remembered, so
 * {@link #forEachLive} can reach runs in progress before the pool is closed.
 *
 * @param <T> the items lent
 */
public final class LendingPool<T extends AutoCloseable> implements AutoCloseable {
    private final AtomicReferenceArray<T> idle;
    private final Queue<T> live = new ConcurrentLinkedQueue<>();
    private final Supplier<T> factory;

    /**
     * An empty pool.
     *
     * @param slots   most idle items kept, 1 or more; items returned beyond it are closed
     * @param factory makes an item when none is idle; called by the borrowing thread
     */
    public LendingPool(int slots, Supplier<T> factory) {
        this.idle = new AtomicReferenceArray<>(slots);
        this.factory = factory;
    }

    /**
     * An empty pool sized for the callers a machine runs usefully at once: twice the available processors idle, at
     * least 4.
     *
     * @param factory makes an item when none is idle; called by the borrowing thread
     * @param <T>     the items lent
     * @return the pool
     */
    public static <T extends AutoCloseable> LendingPool<T> perProcessor(Supplier<T> factory) {
        return new LendingPool<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), factory);
    }

    /**
     * Lends an idle item, or a new one when none is idle. Thread-safe.
     *
     * @return the item; hand it back with {@link #release}
     */
    public T acquire() {
        int n = idle.length();
        int start = (int) (Thread.currentThread().threadId() % n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            T item = idle.get(slot);
            if (item != null && idle.compareAndSet(slot, item, null)) {
                return item;
            }
        }
        T item = factory.get();
        live.add(item);
        return item;
    }

    /**
     * Hands back an item from {@link #acquire()}; it is closed if every slot is full. Thread-safe.
     *
     * @param item the item
     * @throws IllegalStateException if closing a surplus item fails
     */
    public void release(T item) {
        int n = idle.length();
        int start = (int) (Thread.currentThread().threadId() % n);
        for (int i = 0; i < n; i++) {
            int slot = (start + i) % n;
            if (idle.get(slot) == null && idle.compareAndSet(slot, null, item)) {
                return;
            }
        }
        live.remove(item);
        closeQuietly(item);
    }

    /**
     * Applies {@code action} to every item made and not yet closed, lent out or idle.
     *
     * @param action called once per item, possibly while another thread uses it
     */
    public void forEachLive(Consumer<T> action) {
        live.forEach(action);
    }

    /** Closes every item; only once none is lent out. */
    @Override
    public void close() {
        T item;
        while ((item = live.poll()) != null) {
            closeQuietly(item);
        }
        for (int i = 0; i < idle.length(); i++) {
            idle.set(i, null);
        }
    }

    private static void closeQuietly(AutoCloseable item) {
        try {
            item.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing " + item + " failed", e);
        }
    }
}

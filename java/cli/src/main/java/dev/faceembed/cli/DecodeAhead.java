package dev.faceembed.cli;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs a function over a list on worker threads a bounded window ahead of the consumer, and hands the results back
 * in list order: decoding the next files while the backend embeds the current batch, with at most {@code window}
 * results held at once, so memory follows the window and not the list.
 *
 * @param <I> the items
 * @param <O> what each becomes
 */
final class DecodeAhead<I, O> implements AutoCloseable {
    private final List<I> items;
    private final Function<I, O> work;
    private final int window;
    private final ExecutorService workers;
    private final Deque<Future<O>> pending = new ArrayDeque<>();
    private int submitted;

    DecodeAhead(List<I> items, Function<I, O> work, int threads, int window) {
        this.items = items;
        this.work = work;
        this.window = Math.max(1, window);
        this.workers = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "faceembed-decode");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The result for the next item, in order; an exception of the work comes back as thrown by it.
     *
     * @throws IllegalStateException when every item was taken
     */
    O next() {
        while (submitted < items.size() && pending.size() < window) {
            I item = items.get(submitted++);
            pending.add(workers.submit(() -> work.apply(item)));
        }
        Future<O> head = pending.poll();
        if (head == null) {
            throw new IllegalStateException("all " + items.size() + " items were taken");
        }
        try {
            return head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while decoding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}

package dev.faceembed.batching;

import dev.faceembed.BackendClosedException;
import dev.faceembed.CropLayout;
import dev.faceembed.EmbeddingBackend;
import dev.faceembed.FaceBatch;
import dev.faceembed.InvalidInputException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dynamic batching in process: any number of threads submit single crops and get futures; worker threads coalesce
 * them into batches for the backend, up to {@code maxBatch} crops or until {@code maxDelay} has passed since the
 * first crop of the batch arrived, whichever comes first.
 *
 * <p>The queue is bounded: when it is full, {@link #submit} blocks or rejects ({@link OnFull}). A failing batch
 * fails the futures of its own crops only. {@link #close()} stops new submissions, finishes every crop already
 * queued and stops the workers; {@link #shutdownNow()} fails whatever is still queued. The backend is not closed:
 * it belongs to the caller.
 *
 * <p>Crops are read from the caller's memory when their batch is assembled: the memory must stay valid and unchanged
 * until the crop's future completes.
 */
public final class BatchingEmbedder implements AutoCloseable {

    /** What {@link #submit} does when the queue is full. */
    public enum OnFull {
        /** Wait for room (back-pressure on the producers). */
        BLOCK,
        /** Fail the call at once with {@link RejectedExecutionException}. */
        REJECT
    }

    private record Request(MemorySegment crop, CompletableFuture<float[]> result, long arrivedNanos) {
    }

    private static final Request STOP = new Request(MemorySegment.NULL, null, 0);

    /** How often a producer blocked on a full queue checks whether the batcher has stopped. */
    private static final long BLOCKED_RECHECK_MILLIS = 10;

    private final EmbeddingBackend backend;
    private final CropLayout layout;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final OnFull onFull;
    private final BlockingQueue<Request> queue;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong crops = new AtomicLong();
    private volatile boolean accepting = true;

    private BatchingEmbedder(Builder b) {
        this.backend = b.backend;
        this.layout = b.layout;
        this.maxBatch = b.maxBatch;
        this.maxDelayNanos = b.maxDelay.toNanos();
        this.onFull = b.onFull;
        this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
        for (int i = 0; i < b.workers; i++) {
            Thread worker = Thread.ofPlatform().daemon().name("faceembed-batcher-" + i).unstarted(this::work);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * A builder for a batcher in front of {@code backend}.
     *
     * @param backend the backend that runs the batches; stays owned by the caller
     * @return a builder with the defaults
     * @throws NullPointerException if {@code backend} is null
     */
    public static Builder builder(EmbeddingBackend backend) {
        return new Builder(backend);
    }

    /**
     * Queues one crop (uint8 HWC RGB, or float32 NCHW if built for it) of the backend's crop size.
     *
     * @param crop exactly one crop's bytes, in the layout the batcher was built for; read when its batch runs
     * @return the crop's L2-normalised embedding, when its batch has run; fails with the batch's exception if the
     *         batch fails, or with {@link BackendClosedException} if the batcher is shut down first
     * @throws BackendClosedException     after {@link #close()}
     * @throws RejectedExecutionException if the queue is full and the policy is {@link OnFull#REJECT}
     * @throws InvalidInputException      if the crop does not have the size of one crop
     */
    public CompletableFuture<float[]> submit(MemorySegment crop) {
        long cropBytes = layout.cropBytes(backend.cropSize().height(), backend.cropSize().width());
        if (crop.byteSize() != cropBytes) {
            throw new InvalidInputException("a crop of " + backend.cropSize() + " " + layout + " has " + cropBytes
                    + " bytes, this segment has " + crop.byteSize());
        }
        if (!accepting) {
            throw new BackendClosedException("the batching embedder is closed");
        }
        Request request = new Request(crop, new CompletableFuture<>(), System.nanoTime());
        if (onFull == OnFull.REJECT) {
            if (!queue.offer(request)) {
                throw new RejectedExecutionException("the batching queue is full (" + (queue.size())
                        + " crops waiting): slow down, or use OnFull.BLOCK");
            }
        } else {
            putWhileAccepting(request);
        }
        if (!accepting && queue.remove(request)) {
            // Queued after the stop drained the queue for the last time: nothing would ever run it.
            request.result().completeExceptionally(shutDown());
        }
        return request.result();
    }

    /**
     * Waits for room in the queue, giving up when the batcher stops: a producer must never stay blocked on a queue
     * nobody takes from any more.
     */
    private void putWhileAccepting(Request request) {
        try {
            while (!queue.offer(request, BLOCKED_RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                if (!accepting) {
                    throw new BackendClosedException("the batching embedder was shut down while this crop waited"
                            + " for room in its queue");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RejectedExecutionException("interrupted while waiting for room in the batching queue", e);
        }
    }

    /**
     * Queues the {@code count} crops of a small batch; one future per crop, in order.
     *
     * @param batch crops in the layout the batcher was built for; its memory is read when each crop's batch runs
     * @return one future per crop, as {@link #submit} gives them
     * @throws InvalidInputException if the batch's layout is not the batcher's; otherwise as {@link #submit}
     */
    public List<CompletableFuture<float[]>> submitAll(FaceBatch batch) {
        if (batch.layout() != layout) {
            throw new InvalidInputException("this batcher takes " + layout + " crops, the batch is " + batch.layout());
        }
        List<CompletableFuture<float[]>> results = new ArrayList<>(batch.count());
        for (int i = 0; i < batch.count(); i++) {
            results.add(submit(batch.crop(i)));
        }
        return results;
    }

    /**
     * Batches run so far.
     *
     * @return the count of successful backend calls
     */
    public long batchesRun() {
        return batches.get();
    }

    /**
     * Crops embedded so far.
     *
     * @return the count of crops in successful batches
     */
    public long cropsEmbedded() {
        return crops.get();
    }

    private void work() {
        try (Arena arena = Arena.ofConfined()) {
            FaceBatch batch = backend.allocateBatch(arena, layout, maxBatch);
            MemorySegment out = arena.allocate((long) maxBatch * backend.embeddingDim() * Float.BYTES, 64);
            List<Request> taken = new ArrayList<>(maxBatch);
            while (true) {
                Request first = queue.take();
                if (first == STOP) {
                    return;
                }
                taken.add(first);
                boolean stop = gather(taken, first.arrivedNanos() + maxDelayNanos);
                run(taken, batch, out);
                taken.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Adds queued crops until the batch is full or the deadline passes; true if a stop marker was met. */
    private boolean gather(List<Request> taken, long deadline) throws InterruptedException {
        while (taken.size() < maxBatch) {
            long wait = deadline - System.nanoTime();
            Request next = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
            if (next == null) {
                return false;
            }
            if (next == STOP) {
                return true;
            }
            taken.add(next);
        }
        return false;
    }

    private void run(List<Request> taken, FaceBatch batch, MemorySegment out) {
        int n = taken.size();
        int dim = backend.embeddingDim();
        try {
            long cropBytes = batch.cropBytes();
            for (int i = 0; i < n; i++) {
                MemorySegment.copy(taken.get(i).crop(), 0, batch.segment(), i * cropBytes, cropBytes);
            }
            backend.encodeInto(batch.setCount(n), out);
            batches.incrementAndGet();
            crops.addAndGet(n);
            for (int i = 0; i < n; i++) {
                float[] row = new float[dim];
                MemorySegment.copy(out, ValueLayout.JAVA_FLOAT, (long) i * dim * Float.BYTES, row, 0, dim);
                taken.get(i).result().complete(row);
            }
        } catch (RuntimeException e) {
            taken.forEach(r -> r.result().completeExceptionally(e));
        }
    }

    /** Stops accepting crops, finishes every crop already queued, and waits for the workers to end. */
    @Override
    public void close() {
        stop(false);
    }

    /** Stops accepting crops and fails those still queued with {@link BackendClosedException}. */
    public void shutdownNow() {
        stop(true);
    }

    private void stop(boolean failPending) {
        accepting = false;
        if (failPending) {
            failQueued();
        }
        boolean interrupted = false;
        for (int i = 0; i < workers.size(); i++) {
            while (true) {
                try {
                    queue.put(STOP);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        // A submit racing with the stop may have queued behind the stop markers.
        failQueued();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void failQueued() {
        List<Request> pending = new ArrayList<>();
        queue.drainTo(pending);
        pending.stream().filter(r -> r != STOP).forEach(r -> r.result().completeExceptionally(shutDown()));
    }

    private static BackendClosedException shutDown() {
        return new BackendClosedException("the batching embedder was shut down before this crop ran");
    }

    /** Settings of a {@link BatchingEmbedder}. */
    public static final class Builder {
        private final EmbeddingBackend backend;
        private CropLayout layout = CropLayout.UINT8_HWC_RGB;
        private int maxBatch;
        private Duration maxDelay = Duration.ofMillis(2);
        private int queueCapacity;
        private OnFull onFull = OnFull.BLOCK;
        private int workers = 1;

        private Builder(EmbeddingBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            this.maxBatch = 32;
            this.queueCapacity = 1024;
        }

        /**
         * Layout of the submitted crops (default uint8 HWC RGB).
         *
         * @param value the layout
         * @return this builder
         */
        public Builder layout(CropLayout value) {
            this.layout = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Most crops per backend call (default 32).
         *
         * @param value 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is below 1
         */
        public Builder maxBatch(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("maxBatch must be >= 1, got " + value);
            }
            this.maxBatch = value;
            return this;
        }

        /**
         * Longest a crop waits for others before its batch runs anyway (default 2 ms).
         *
         * @param value the delay, zero or more; zero runs whatever is queued at once
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is negative
         */
        public Builder maxDelay(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("maxDelay must not be negative");
            }
            this.maxDelay = value;
            return this;
        }

        /**
         * Crops that may wait in the queue (default 1024).
         *
         * @param value 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is below 1
         */
        public Builder queueCapacity(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("queueCapacity must be >= 1, got " + value);
            }
            this.queueCapacity = value;
            return this;
        }

        /**
         * What a full queue does to {@link #submit} (default {@link OnFull#BLOCK}).
         *
         * @param value the policy
         * @return this builder
         */
        public Builder onFull(OnFull value) {
            this.onFull = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Threads running batches (default 1).
         *
         * @param value 1 or more
         * @return this builder
         * @throws IllegalArgumentException if {@code value} is below 1
         */
        public Builder workers(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("workers must be >= 1, got " + value);
            }
            this.workers = value;
            return this;
        }

        /**
         * Loads the backend's model and starts the worker threads.
         *
         * @return a running batcher; close it when done
         * @throws dev.faceembed.ModelException              as {@link EmbeddingBackend#ensureReady()}
         * @throws dev.faceembed.BackendUnavailableException as {@link EmbeddingBackend#ensureReady()}
         */
        public BatchingEmbedder build() {
            backend.ensureReady();
            return new BatchingEmbedder(this);
        }
    }
}

package org.dcganstudio.core.data;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prepares the next batches on background threads so decoding and resizing overlap the training
 * step. Up to {@code capacity} steps are in preparation or ready at once, shared among
 * {@code workers} threads; batches still come back strictly in step order starting at the given
 * step, so prefetching never changes which data a step sees. Every batch is a pure function of its
 * step ({@link EpochBatcher}), which is what lets workers prepare steps out of order.
 */
public final class BatchPrefetcher implements AutoCloseable {

    /** How long {@link #close} waits for workers to notice the interrupt before giving up on them. */
    private static final long JOIN_MILLIS = 2_000;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final EpochBatcher batcher;
    private final ExecutorService workers;
    private final Deque<Future<float[]>> pending = new ArrayDeque<>();
    private long nextToSubmit;
    private long nextToReturn;
    private boolean closed;

    /** One worker thread. */
    public BatchPrefetcher(EpochBatcher batcher, long startStep, int capacity) {
        this(batcher, startStep, capacity, 1);
    }

    /**
     * Starts preparing steps {@code startStep .. startStep + capacity - 1}.
     *
     * @param batcher where batches come from
     * @param startStep the step of the first batch {@link #next} returns
     * @param capacity how many batches may be in preparation or waiting, at least 1
     * @param workerCount threads preparing batches, at least 1
     */
    public BatchPrefetcher(EpochBatcher batcher, long startStep, int capacity, int workerCount) {
        if (capacity < 1) {
            throw new IllegalArgumentException("prefetch capacity must be at least 1, got " + capacity);
        }
        if (workerCount < 1) {
            throw new IllegalArgumentException("prefetch workers must be at least 1, got " + workerCount);
        }
        if (startStep < 0) {
            throw new IllegalArgumentException("start step must not be negative, got " + startStep);
        }
        this.batcher = batcher;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workerCount, task -> {
            Thread t = new Thread(task, "dcgan-prefetch-" + pool + "-" + threads.incrementAndGet());
            // A forgotten close must not keep the JVM alive.
            t.setDaemon(true);
            return t;
        });
        this.nextToSubmit = startStep;
        this.nextToReturn = startStep;
        for (int i = 0; i < capacity; i++) {
            submitNext();
        }
    }

    private void submitNext() {
        long step = nextToSubmit++;
        pending.addLast(workers.submit(() -> batcher.batch(step)));
    }

    /**
     * The next batch in step order, waiting for it if it is not ready yet. Meant for one consumer
     * thread.
     *
     * @throws IllegalStateException if this prefetcher is closed, preparing the batch failed (with
     *     that exception as the cause; later calls fail the same way), or the calling thread was
     *     interrupted while waiting
     */
    public float[] next() {
        if (closed) {
            throw new IllegalStateException("batch prefetcher is closed");
        }
        Future<float[]> head = pending.peekFirst();
        float[] batch;
        try {
            batch = head.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
        } catch (ExecutionException e) {
            // The failed step stays at the head, so every later call reports the same step.
            throw new IllegalStateException("could not prepare the batch for step " + nextToReturn, e.getCause());
        } catch (CancellationException e) {
            throw new IllegalStateException("batch prefetcher is closed", e);
        }
        pending.removeFirst();
        nextToReturn++;
        submitNext();
        return batch;
    }

    /** Stops the workers; returns promptly even while they are preparing batches. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Future<float[]> f : pending) {
            f.cancel(true);
        }
        pending.clear();
        workers.shutdownNow();
        try {
            workers.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

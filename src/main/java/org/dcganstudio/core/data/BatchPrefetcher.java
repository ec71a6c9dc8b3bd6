package org.dcganstudio.core.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prepares the next batches on a background thread so image generation overlaps the training step.
 * Batches come back strictly in step order starting at the given step, so using a prefetcher does
 * not change which data a step sees.
 */
public final class BatchPrefetcher implements AutoCloseable {

    /** How long {@link #close} waits for the producer to notice the interrupt before giving up on it. */
    private static final long JOIN_MILLIS = 2_000;

    /** Queued after a producer failure, so the consumer learns of it in step order. */
    private static final float[] FAILED = new float[0];

    private final BlockingQueue<float[]> queue;
    private final Thread producer;
    private volatile Throwable failureCause;
    private volatile long failedStep;
    private volatile boolean closed;

    /**
     * Starts the producer thread.
     *
     * @param batcher where batches come from
     * @param startStep the step of the first batch {@link #next} returns
     * @param capacity how many batches may wait ready
     */
    public BatchPrefetcher(EpochBatcher batcher, long startStep, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("prefetch capacity must be at least 1, got " + capacity);
        }
        if (startStep < 0) {
            throw new IllegalArgumentException("start step must not be negative, got " + startStep);
        }
        queue = new ArrayBlockingQueue<>(capacity);
        producer = new Thread(() -> produce(batcher, startStep), "dcgan-prefetch");
        // A forgotten close must not keep the JVM alive.
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(EpochBatcher batcher, long startStep) {
        long step = startStep;
        try {
            while (!Thread.currentThread().isInterrupted()) {
                float[] batch;
                try {
                    batch = batcher.batch(step);
                } catch (RuntimeException | Error e) {
                    failureCause = e;
                    failedStep = step;
                    queue.put(FAILED);
                    return;
                }
                queue.put(batch);
                step++;
            }
        } catch (InterruptedException e) {
            // close() asked us to stop; nothing is waiting for what we were about to queue.
        }
    }

    /**
     * The next batch in step order, waiting for it if it is not ready yet.
     *
     * @throws IllegalStateException if this prefetcher is closed, the producer failed (with its
     *     exception as the cause), or the calling thread was interrupted while waiting
     */
    public float[] next() {
        if (closed) {
            throw new IllegalStateException("batch prefetcher is closed");
        }
        float[] batch;
        try {
            batch = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
        }
        if (batch == FAILED) {
            // Put the marker back so later calls fail the same way instead of blocking forever.
            queue.offer(FAILED);
            throw new IllegalStateException("could not prepare the batch for step " + failedStep, failureCause);
        }
        return batch;
    }

    /** Stops the producer; returns promptly even if it is blocked on a full queue. */
    @Override
    public void close() {
        closed = true;
        producer.interrupt();
        try {
            producer.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        queue.clear();
    }
}

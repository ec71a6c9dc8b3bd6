package org.dcganstudio.core.data;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prepares the next batches on a background thread, so decoding and generating images overlap
 * the training step. Batches come out in step order; a failure in the producer is rethrown by
 * {@link #next()}.
 */
public final class BatchPrefetcher implements AutoCloseable {

    private final BlockingQueue<Object> queue;
    private final Thread producer;

    /** Starts producing batches for steps {@code startStep}, {@code startStep + 1}, ... */
    public BatchPrefetcher(EpochBatcher batcher, long startStep, int capacity) {
        queue = new ArrayBlockingQueue<>(Math.max(1, capacity));
        producer = new Thread(() -> {
            long step = startStep;
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    queue.put(batcher.batch(step++));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                try {
                    queue.put(e);
                } catch (InterruptedException closing) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "dcgan-prefetch");
        producer.setDaemon(true);
        producer.start();
    }

    /** The next batch, waiting for it if needed. */
    public float[] next() {
        Object item;
        try {
            item = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        }
        if (item instanceof RuntimeException e) {
            throw new IllegalStateException("preparing a batch failed: " + e.getMessage(), e);
        }
        return (float[]) item;
    }

    @Override
    public void close() {
        producer.interrupt();
        try {
            producer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchPrefetcherTest {

    @Test
    void returnsTheBatcherBatchesInOrder() {
        EpochBatcher batcher = new EpochBatcher(new IndexImages(30, -1), 4, 2);
        long start = 13;
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (BatchPrefetcher prefetch = new BatchPrefetcher(batcher, start, 3)) {
                for (int i = 0; i < 40; i++) {
                    assertArrayEquals(batcher.batch(start + i), prefetch.next(), "step " + (start + i));
                }
            }
        });
    }

    @Test
    void preparesNoMoreThanItsCapacityAndClosesPromptly() throws Exception {
        IndexImages data = new IndexImages(20, -1);
        int batch = 2;
        int capacity = 2;
        BatchPrefetcher prefetch = new BatchPrefetcher(new EpochBatcher(data, batch, 1), 0, capacity, 2);
        // The workers fill the capacity, then wait for the consumer.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (data.copies.get() < capacity * batch) {
            assertTrue(System.nanoTime() < deadline, "producer never filled the queue");
            Thread.sleep(1);
        }
        long t0 = System.nanoTime();
        prefetch.close();
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "close took too long");
        int copies = data.copies.get();
        Thread.sleep(50);
        assertEquals(copies, data.copies.get(), "producer kept working after close");
        assertEquals(capacity * batch, copies);
        assertThrows(IllegalStateException.class, prefetch::next);
    }

    @Test
    void producerFailuresSurfaceFromNext() {
        // Batch size = data size, so every step's batch contains the broken image.
        EpochBatcher batcher = new EpochBatcher(new IndexImages(6, 4), 6, 1);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (BatchPrefetcher prefetch = new BatchPrefetcher(batcher, 5, 2)) {
                for (int attempt = 0; attempt < 2; attempt++) {
                    IllegalStateException e = assertThrows(IllegalStateException.class, prefetch::next);
                    assertTrue(e.getMessage().contains("step 5"), e.getMessage());
                    assertInstanceOf(IllegalArgumentException.class, e.getCause());
                    assertTrue(e.getCause().getMessage().contains("broken image 4"));
                }
            }
        });
    }

    @Test
    void manyWorkersStillDeliverEveryStepInOrder() {
        EpochBatcher batcher = new EpochBatcher(new IndexImages(37, -1), 5, 9);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (BatchPrefetcher prefetch = new BatchPrefetcher(batcher, 3, 6, 4)) {
                for (int i = 0; i < 60; i++) {
                    assertArrayEquals(batcher.batch(3 + i), prefetch.next(), "step " + (3 + i));
                }
            }
        });
    }

    @Test
    void everyEpochThroughTheWorkersHoldsEachImageExactlyOnce() {
        int size = 40;
        int batch = 8;
        EpochBatcher batcher = new EpochBatcher(new IndexImages(size, -1), batch, 11);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try (BatchPrefetcher prefetch = new BatchPrefetcher(batcher, 0, 5, 3)) {
                for (int epoch = 0; epoch < 4; epoch++) {
                    int[] seen = new int[size];
                    for (int step = 0; step < batcher.stepsPerEpoch(); step++) {
                        for (float index : prefetch.next()) {
                            seen[(int) index]++;
                        }
                    }
                    for (int i = 0; i < size; i++) {
                        assertEquals(1, seen[i], "image " + i + " in epoch " + epoch);
                    }
                }
            }
        });
    }

    @Test
    void rejectsBadCapacity() {
        EpochBatcher batcher = new EpochBatcher(new IndexImages(4, -1), 2, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BatchPrefetcher(batcher, 0, 0))
                .getMessage().contains("0"));
    }
}

package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EpochBatcherTest {

    /** The image indices of one epoch, in the order the batches deliver them. */
    private static int[] epochOrder(EpochBatcher batcher, long epoch) {
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < batcher.stepsPerEpoch(); s++) {
            long step = epoch * batcher.stepsPerEpoch() + s;
            assertEquals(epoch, batcher.epochOf(step));
            for (float v : batcher.batch(step)) {
                order.add((int) v);
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void everyImageOncePerEpochInANewOrder() {
        EpochBatcher batcher = new EpochBatcher(new IndexImages(100, -1), 10, 3);
        assertEquals(10, batcher.stepsPerEpoch());
        int[] first = epochOrder(batcher, 0);
        int[] second = epochOrder(batcher, 1);
        for (int[] order : new int[][] {first, second}) {
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            for (int i = 0; i < 100; i++) {
                assertEquals(i, sorted[i]);
            }
        }
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void dropsThePartialBatch() {
        EpochBatcher batcher = new EpochBatcher(new IndexImages(105, -1), 10, 3);
        assertEquals(10, batcher.stepsPerEpoch());
        assertEquals(0, batcher.epochOf(9));
        assertEquals(1, batcher.epochOf(10));
        int[] order = epochOrder(batcher, 0);
        assertEquals(100, Arrays.stream(order).distinct().count());
    }

    @Test
    void batchIsAPureFunctionOfSeedAndStep() {
        IndexImages data = new IndexImages(50, -1);
        EpochBatcher reference = new EpochBatcher(data, 7, 11);
        long[] steps = {0, 6, 7, 100, 3, 100_000};
        for (long step : steps) {
            // A fresh instance per step mimics a resumed run that starts at that step.
            assertArrayEquals(reference.batch(step), new EpochBatcher(data, 7, 11).batch(step), "step " + step);
        }
        assertFalse(Arrays.equals(reference.batch(0), new EpochBatcher(data, 7, 12).batch(0)));
    }

    @Test
    void concurrentCallersSeeTheSameBatches() throws Exception {
        IndexImages data = new IndexImages(64, -1);
        EpochBatcher shared = new EpochBatcher(data, 8, 5);
        EpochBatcher fresh = new EpochBatcher(data, 8, 5);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int t = 0; t < 400; t++) {
                // Steps hop between epochs so threads keep replacing the cached order.
                long step = (t * 37L) % 200;
                results.add(pool.submit(() -> shared.batch(step)));
            }
            for (int t = 0; t < 400; t++) {
                assertArrayEquals(fresh.batch((t * 37L) % 200), results.get(t).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void errorsNameTheNumbers() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new EpochBatcher(new IndexImages(5, -1), 8, 1)).getMessage();
        assertTrue(message.contains("5") && message.contains("8"), message);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EpochBatcher(new IndexImages(5, -1), 0, 1)).getMessage().contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new EpochBatcher(new IndexImages(5, -1), 1, 1).batch(-2)).getMessage().contains("-2"));
    }
}

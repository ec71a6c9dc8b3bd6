package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataTest {

    @Test
    void syntheticShapesAreDeterministicDistinctAndInRange() {
        SyntheticShapes a = new SyntheticShapes(32, 3, 100, 5);
        SyntheticShapes b = new SyntheticShapes(32, 3, 100, 5);
        float[] x = new float[3 * 32 * 32];
        float[] y = new float[3 * 32 * 32];
        a.copyImage(7, x, 0);
        b.copyImage(7, y, 0);
        assertArrayEquals(x, y);
        b.copyImage(8, y, 0);
        assertFalse(Arrays.equals(x, y));
        for (float v : x) {
            assertTrue(v >= -1f && v <= 1f, "value " + v);
        }
    }

    @Test
    void solidColoursAreFlatAndFromThePalette() {
        SolidColours data = new SolidColours(16, 3, 50, 1, SolidColours.DEFAULT_PALETTE);
        float[] img = new float[3 * 16 * 16];
        data.copyImage(3, img, 0);
        for (int c = 0; c < 3; c++) {
            float first = img[c * 256];
            for (int i = 0; i < 256; i++) {
                assertEquals(first, img[c * 256 + i], 0f);
            }
        }
        float r = (img[0] + 1) / 2;
        assertTrue(Arrays.stream(SolidColours.DEFAULT_PALETTE).anyMatch(p -> Math.abs(p[0] - r) < 1e-6));
    }

    @Test
    void everyImageOncePerEpochInAnotherOrderEachEpoch() {
        SolidColours data = new SolidColours(8, 1, 40, 2, new float[][] {{0, 0, 0}});
        IndexedImages indexed = new IndexedImages(40);
        EpochBatcher batcher = new EpochBatcher(indexed, 8, 9);
        assertEquals(5, batcher.stepsPerEpoch());
        Set<Integer> seen = new HashSet<>();
        int[] firstOfEpoch = new int[2];
        for (int step = 0; step < 10; step++) {
            float[] batch = batcher.batch(step);
            for (int i = 0; i < 8; i++) {
                int index = (int) batch[i * 64];
                if (step < 5) {
                    assertTrue(seen.add(index), "index " + index + " twice in epoch 0");
                }
            }
            if (step % 5 == 0) {
                firstOfEpoch[step / 5] = (int) batch[0];
            }
        }
        assertEquals(40, seen.size());
        assertArrayEquals(batcher.batch(7), new EpochBatcher(indexed, 8, 9).batch(7), "a pure function of the step");
        assertEquals(1, batcher.epochOf(5));
        assertEquals(40, data.size());
    }

    @Test
    void prefetcherYieldsTheBatchesInStepOrderAndClosesPromptly() {
        EpochBatcher batcher = new EpochBatcher(new IndexedImages(64), 4, 3);
        try (BatchPrefetcher p = new BatchPrefetcher(batcher, 10, 2)) {
            for (int i = 0; i < 20; i++) {
                assertArrayEquals(batcher.batch(10 + i), p.next());
            }
        }
        long t0 = System.nanoTime();
        BatchPrefetcher idle = new BatchPrefetcher(batcher, 0, 1);
        idle.close();
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "close must not hang on a full queue");
    }

    /** Image i is filled with the value i, so batches reveal which images they hold. */
    private record IndexedImages(int size) implements ImageDataset {
        @Override
        public String name() {
            return "indexed";
        }

        @Override
        public int channels() {
            return 1;
        }

        @Override
        public int imageSize() {
            return 8;
        }

        @Override
        public void copyImage(int index, float[] dst, int offset) {
            Arrays.fill(dst, offset, offset + 64, index);
        }
    }
}

package org.dcganstudio.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PreparedImagesTest {

    /** 6×4 grey images whose pixels encode (index, x, y); counts decodes. */
    private static final class CountingSource implements RasterSource {
        final int size;
        final boolean inMemory;
        final AtomicInteger reads = new AtomicInteger();
        final ImageAnnotations annotations;

        CountingSource(int size, boolean inMemory) {
            this.size = size;
            this.inMemory = inMemory;
            int[] classes = new int[size];
            for (int i = 0; i < size; i++) {
                classes[i] = i % 2;
            }
            this.annotations = ImageAnnotations.ofClasses(List.of("even", "odd"), classes);
        }

        @Override
        public String name() {
            return "counting";
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Raster read(int index) {
            reads.incrementAndGet();
            byte[] px = new byte[24];
            for (int i = 0; i < px.length; i++) {
                px[i] = (byte) (index * 7 + i);
            }
            return new Raster(6, 4, 1, px);
        }

        @Override
        public ImageAnnotations annotations() {
            return annotations;
        }

        @Override
        public boolean inMemory() {
            return inMemory;
        }
    }

    @Test
    void decodesEachImageOnceWhenTheSetFitsTheCache() {
        CountingSource source = new CountingSource(10, false);
        PreparedImages images = new PreparedImages(source, 4, 3, 1 << 20);
        assertTrue(images.caches());
        float[] first = new float[48];
        float[] again = new float[48];
        for (int epoch = 0; epoch < 3; epoch++) {
            for (int i = 0; i < 10; i++) {
                images.copyImage(i, epoch == 0 ? first : again, 0);
                if (epoch > 0 && i == 9) {
                    assertArrayEquals(first, again);
                }
            }
        }
        assertEquals(10, source.reads.get());
    }

    @Test
    void preparesOnTheFlyWhenOverBudgetOrAlreadyInMemory() {
        CountingSource big = new CountingSource(10, false);
        PreparedImages overBudget = new PreparedImages(big, 4, 1, 10 * 16 - 1);
        assertFalse(overBudget.caches());
        CountingSource inMemory = new CountingSource(10, true);
        PreparedImages direct = new PreparedImages(inMemory, 4, 1, 1 << 20);
        assertFalse(direct.caches());
        float[] a = new float[16];
        float[] b = new float[16];
        overBudget.copyImage(3, a, 0);
        direct.copyImage(3, b, 0);
        assertArrayEquals(a, b);
        overBudget.copyImage(3, a, 0);
        assertEquals(2, big.reads.get());
    }

    @Test
    void valuesAreThePreprocessorsOutputScaledToMinusOneOne() {
        CountingSource source = new CountingSource(3, false);
        PreparedImages images = new PreparedImages(source, 4, 1, 1 << 20);
        byte[] expected = new byte[16];
        new Preprocessor(4, 1).apply(source.read(2), expected, 0);
        assertArrayEquals(expected, images.bytes(2));
        float[] f = new float[20];
        images.copyImage(2, f, 4);
        for (int i = 0; i < 16; i++) {
            assertEquals((expected[i] & 0xFF) / 127.5f - 1f, f[4 + i], 0f);
        }
        assertEquals(0f, f[0]);
    }

    @Test
    void concurrentReadersSeeTheSameImages() throws Exception {
        CountingSource source = new CountingSource(200, false);
        PreparedImages cached = new PreparedImages(source, 8, 3, 1 << 20);
        PreparedImages reference = new PreparedImages(new CountingSource(200, true), 8, 3, 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    float[] a = new float[192];
                    float[] b = new float[192];
                    for (int i = 0; i < 200; i++) {
                        cached.copyImage(i, a, 0);
                        reference.copyImage(i, b, 0);
                        if (!Arrays.equals(a, b)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(source.reads.get() >= 200 && source.reads.get() <= 800);
    }

    @Test
    void passesTheSourcesAnnotationsThrough() {
        CountingSource source = new CountingSource(4, true);
        PreparedImages images = new PreparedImages(source, 4, 1);
        assertSame(source.annotations, images.annotations());
        assertEquals(1, images.annotations().classOf(3));
        assertEquals("counting", images.name());
        assertEquals(4, images.imageSize());
    }
}

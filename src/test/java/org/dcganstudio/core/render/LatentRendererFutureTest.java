package org.dcganstudio.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;

/** The render thread's futures: what an export waits on instead of polling {@code latest()}. */
class LatentRendererFutureTest {

    private static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    private static GeneratorWeights weights() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, 3)) {
            return GeneratorWeights.of(g, 1, "test");
        }
    }

    private static List<float[]> latent(float value) {
        float[] z = new float[TINY.nz()];
        java.util.Arrays.fill(z, value);
        return List.of(z);
    }

    @Test
    void aFutureCompletesWithItsOwnRequestAndIsCancelledWhenANewerOneReplacesIt() throws Exception {
        try (LatentRenderer r = new LatentRenderer(Device.cpu())) {
            r.setWeights(weights());
            LatentRenderer.Channel c = r.channel("sweep");
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            c.onRendered(res -> {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            CompletableFuture<RenderedImages> held = c.render(latent(0), false);
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            // the render thread is inside held's listener: the next two wait, and the second replaces the first
            CompletableFuture<RenderedImages> replaced = c.render(latent(1), false);
            CompletableFuture<RenderedImages> newest = c.render(latent(2), false);
            assertTrue(replaced.isCancelled());
            assertFalse(newest.isDone());
            release.countDown();
            assertArrayEquals(latent(0).get(0), held.get(30, TimeUnit.SECONDS).latents().get(0), 0f);
            RenderedImages drawn = newest.get(30, TimeUnit.SECONDS);
            assertArrayEquals(latent(2).get(0), drawn.latents().get(0), 0f);
            assertTrue(drawn.ok(), drawn.error());
        }
    }

    @Test
    void closingCancelsWhatNoThreadWillDraw() throws Exception {
        CompletableFuture<RenderedImages> waiting;
        LatentRenderer.Channel c;
        try (LatentRenderer r = new LatentRenderer(Device.cpu())) {
            c = r.channel("sweep");
            waiting = c.render(latent(0), false); // no weights: it waits
        }
        assertTrue(waiting.isCancelled());
        assertTrue(c.render(latent(1), false).isCancelled(), "after close");
        assertSame(null, c.latest());
    }
}

package org.dcganstudio.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;
import org.junit.jupiter.api.Test;

class LatentRendererTest {

    private static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    private static GeneratorWeights weights(long seed, long step) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, seed)) {
            return GeneratorWeights.of(g, step, "test seed " + seed);
        }
    }

    private static float[] latent(long seed) {
        float[] z = new float[TINY.nz()];
        new Rng(seed).fillGaussian(z, 0, 1);
        return z;
    }

    private static RenderedImages await(LatentRenderer.Channel c, long stamp) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            RenderedImages r = c.latest();
            if (r != null && r.stamp() >= stamp) {
                return r;
            }
            Thread.sleep(2);
        }
        throw new AssertionError("no render of stamp " + stamp);
    }

    @Test
    void drawsWhatTheGeneratorDrawsInEvalMode() throws Exception {
        GeneratorWeights w = weights(3, 42);
        float[] z = latent(1);
        float[] expected;
        Autograd.disableOnThisThread();
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, 0)) {
            w.loadInto(g);
            expected = g.forward(m.create(z, new Shape(1, 8, 1, 1)), false).toFloatArray();
        }
        try (LatentRenderer r = new LatentRenderer(Device.cpu())) {
            r.setWeights(w);
            LatentRenderer.Channel c = r.channel("image");
            RenderedImages out = await(c, c.submit(List.of(z), false));
            assertTrue(out.ok(), out.error());
            assertEquals(32, out.size());
            assertEquals(42, out.weightsStep());
            assertArrayEquals(ImageGrid.toArgb(expected, 0, 3, 32), out.argb().get(0));
        }
    }

    @Test
    void aBurstOfRequestsDrawsTheLastAndNoneOfThoseThatWaited() throws Exception {
        try (LatentRenderer r = new LatentRenderer(Device.cpu())) {
            r.setWeights(weights(3, 1));
            LatentRenderer.Channel c = r.channel("slider");
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            c.onRendered(res -> {
                if (res.stamp() == 1) {
                    inside.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            long first = c.submit(List.of(latent(0)), false);
            assertEquals(1, first);
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            // the render thread is busy: these 100 replace one another while they wait
            long last = 0;
            for (int i = 1; i <= 100; i++) {
                last = c.submit(List.of(latent(i)), false);
            }
            release.countDown();
            RenderedImages out = await(c, last);
            assertEquals(last, out.stamp());
            assertArrayEquals(latent(100), out.latents().get(0), 0f);
            assertEquals(2, r.renders(), "the held render and the newest request, nothing in between");

            // free-running: a burst renders its last request and only a few of the others
            long before = r.renders();
            for (int i = 0; i < 100; i++) {
                last = c.submit(List.of(latent(1000 + i)), false);
            }
            assertEquals(last, await(c, last).stamp());
            assertTrue(r.renders() - before <= 20, "rendered " + (r.renders() - before) + " of 100 requests");
        }
    }

    @Test
    void batchStatisticsRendersLeaveTheRunningStatisticsAlone() throws Exception {
        try (LatentRenderer r = new LatentRenderer(Device.cpu())) {
            r.setWeights(weights(5, 1));
            LatentRenderer.Channel c = r.channel("grid");
            List<float[]> batch = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                batch.add(latent(i));
            }
            RenderedImages eval1 = await(c, c.submit(batch, false));
            RenderedImages stats = await(c, c.submit(batch, true));
            RenderedImages eval2 = await(c, c.submit(batch, false));
            assertTrue(stats.batchStats());
            assertFalse(java.util.Arrays.equals(eval1.argb().get(0), stats.argb().get(0)),
                    "a fresh generator's running statistics (0, 1) differ from a batch's");
            for (int i = 0; i < 6; i++) {
                assertArrayEquals(eval1.argb().get(i), eval2.argb().get(i));
            }
        }
    }

    /** libtorch's intra-op thread count as a thread that starts using libtorch now sees it. */
    private static int threadsOfANewThread() throws InterruptedException {
        int[] seen = new int[1];
        Thread t = new Thread(() -> seen[0] = ai.djl.pytorch.jni.JniUtils.getNumThreads());
        t.start();
        t.join();
        return seen[0];
    }

    @Test
    void renderingLeavesTheThreadCountOfLaterThreadsAlone() throws Exception {
        int before = threadsOfANewThread();
        try (LatentRenderer r = new LatentRenderer(Device.cpu())) {
            r.setWeights(weights(3, 1));
            LatentRenderer.Channel c = r.channel("image");
            await(c, c.submit(List.of(latent(1)), false));
            // a training thread started now must get every core
            assertEquals(before, threadsOfANewThread());
        }
    }

    @Test
    void newWeightsAreUsedAndBadLatentsAreReportedNotThrown() throws Exception {
        try (LatentRenderer r = new LatentRenderer(Device.cpu())) {
            LatentRenderer.Channel c = r.channel("image");
            r.setWeights(weights(3, 10));
            RenderedImages a = await(c, c.submit(List.of(latent(7)), false));
            r.setWeights(weights(4, 20));
            RenderedImages b = await(c, c.submit(List.of(latent(7)), false));
            assertEquals(20, b.weightsStep());
            assertFalse(java.util.Arrays.equals(a.argb().get(0), b.argb().get(0)));
            RenderedImages bad = await(c, c.submit(List.of(new float[3]), false));
            assertFalse(bad.ok());
            assertNotNull(bad.error());
            assertTrue(bad.error().contains("3") && bad.error().contains("8"), bad.error());
        }
    }
}

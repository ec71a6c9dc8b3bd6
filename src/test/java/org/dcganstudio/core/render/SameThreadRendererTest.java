package org.dcganstudio.core.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;

class SameThreadRendererTest {

    private static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    private static GeneratorWeights weights(long seed, long step) {
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, seed)) {
            return GeneratorWeights.of(g, step, "test seed " + seed);
        }
    }

    private static List<float[]> latents(int count) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] z = new float[TINY.nz()];
            new Rng(i).fillGaussian(z, 0, 1);
            out.add(z);
        }
        return out;
    }

    @Test
    void drawsBeforeSubmitReturnsThePixelsTheRenderThreadDraws() throws Exception {
        GeneratorWeights w = weights(3, 42);
        List<float[]> batch = latents(5);
        RenderedImages threaded;
        try (LatentRenderer r = new LatentRenderer(Device.cpu())) {
            r.setWeights(w);
            threaded = r.channel("grid").render(batch, true).get(30, TimeUnit.SECONDS);
        }
        try (SameThreadRenderer r = new SameThreadRenderer(Device.cpu())) {
            r.setWeights(w);
            assertSame(w, r.weights());
            Renderer.Channel c = r.channel("grid");
            List<RenderedImages> heard = new ArrayList<>();
            Thread caller = Thread.currentThread();
            c.onRendered(res -> {
                assertSame(caller, Thread.currentThread(), "drawn on the caller's thread");
                heard.add(res);
            });
            long stamp = c.submit(batch, true);
            RenderedImages now = c.latest();
            assertEquals(stamp, now.stamp(), "drawn before submit returned");
            assertEquals(List.of(now), heard);
            assertFalse(c.busy());
            assertTrue(now.ok(), now.error());
            assertEquals(42, now.weightsStep());
            for (int i = 0; i < batch.size(); i++) {
                assertArrayEquals(threaded.argb().get(i), now.argb().get(i), "image " + i + " as the thread drew it");
            }
            CompletableFuture<RenderedImages> future = c.render(batch.subList(0, 1), false);
            assertTrue(future.isDone());
            assertSame(c.latest(), future.get());
        }
    }

    @Test
    void requestsMadeBeforeAnyWeightsWaitAndOnlyTheNewestIsDrawn() throws Exception {
        try (SameThreadRenderer r = new SameThreadRenderer(Device.cpu())) {
            assertNull(r.weights());
            Renderer.Channel c = r.channel("image");
            CompletableFuture<RenderedImages> replaced = c.render(latents(1), false);
            CompletableFuture<RenderedImages> newest = c.render(latents(2), false);
            assertTrue(replaced.isCancelled(), "a newer request replaced it");
            assertTrue(c.busy());
            assertNull(c.latest());
            r.setWeights(weights(3, 1));
            assertFalse(c.busy());
            assertTrue(newest.isDone());
            assertEquals(2, newest.get().argb().size());
            assertSame(newest.get(), c.latest());

            CompletableFuture<RenderedImages> bad = c.render(List.of(new float[3]), false);
            assertFalse(bad.get().ok(), "reported in the result, not thrown");
            assertTrue(bad.get().error().contains("3") && bad.get().error().contains("8"), bad.get().error());
            assertThrows(IllegalArgumentException.class, () -> c.submit(List.of(), false));
        }
    }

    @Test
    void closingDropsRequestsStillWaitingForWeights() {
        CompletableFuture<RenderedImages> waiting;
        try (SameThreadRenderer r = new SameThreadRenderer(Device.cpu())) {
            waiting = r.channel("image").render(latents(1), false);
        }
        assertTrue(waiting.isCancelled());
    }
}

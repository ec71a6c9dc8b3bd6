package org.dcganstudio.app.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.testing.ScriptedChannel;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.dcganstudio.app.ActiveGenerator;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.ExportSlot;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.render.SameThreadRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep export waiting for frames that are not drawn: the one case that needs a thread. */
class ExploreExportsTest {

    @TempDir
    Path tmp;

    /** A channel that never draws, and tells when an export starts to wait for its frames. */
    private static final class NeverDrawn extends ScriptedChannel {
        final CountDownLatch waiting = new CountDownLatch(1);

        @Override
        public CompletableFuture<RenderedImages> render(List<float[]> latents, boolean batchStats) {
            return new CompletableFuture<>() {
                @Override
                public RenderedImages get(long timeout, TimeUnit unit)
                        throws InterruptedException, ExecutionException, TimeoutException {
                    waiting.countDown();
                    return super.get(timeout, unit);
                }
            };
        }
    }

    /** Work on a thread of its own; UI updates on that thread too (no UI here). */
    private static final class OneThread implements BackgroundTasks {
        Thread worker;

        @Override
        public <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            worker = new Thread(() -> SAME_THREAD.run(work, onDone, onError), "export");
            worker.start();
        }

        @Override
        public void onUi(Runnable action) {
            action.run();
        }
    }

    @Test
    void cancellingASweepThatWaitsForItsFramesEndsTheWaitAtOnce() throws Exception {
        GeneratorWeights w = ExploreViewModelTest.weights(13);
        List<String> messages = new ArrayList<>();
        OneThread tasks = new OneThread();
        SameThreadRenderer drawing = new SameThreadRenderer(Device.cpu());
        try (ActiveGenerator generator = new ActiveGenerator(BackgroundTasks.SAME_THREAD, null, drawing)) {
            generator.use(w);
            LatentCursor cursor = new LatentCursor(generator, drawing.channel("image"), drawing.channel("grid"),
                    messages::add);
            cursor.use(w.config());
            InterpolationPath path = new InterpolationPath(cursor, drawing.channel("strip"), drawing.channel("anchors"));
            NeverDrawn sweep = new NeverDrawn();
            ExploreExports exports = new ExploreExports(tasks, cursor, path, sweep, messages::add);

            Path gif = tmp.resolve("z0.gif");
            exports.exportDimensionSweepGif(0, gif, 1, 80);
            assertTrue(sweep.waiting.await(30, TimeUnit.SECONDS));
            exports.cancelExport();
            tasks.worker.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(tasks.worker.isAlive(), "the export stopped waiting for its frames");
            assertEquals(ExportSlot.CANCELLED, messages.get(messages.size() - 1));
            assertFalse(exports.exportingProperty().get());
            assertFalse(Files.exists(gif));
        }
    }
}

package org.dcganstudio.app.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.render.Renderer;
import org.junit.jupiter.api.Test;

class ChannelImagesTest {

    /** A channel whose results arrive when the test says, in any order. */
    private static final class ScriptedChannel implements Renderer.Channel {
        long stamps;
        RenderedImages latest;

        @Override
        public long submit(List<float[]> latents, boolean batchStats) {
            return ++stamps;
        }

        @Override
        public CompletableFuture<RenderedImages> render(List<float[]> latents, boolean batchStats) {
            throw new UnsupportedOperationException("not used by ChannelImages");
        }

        @Override
        public RenderedImages latest() {
            return latest;
        }

        @Override
        public void onRendered(Consumer<RenderedImages> listener) {}

        @Override
        public boolean busy() {
            return false;
        }

        void draw(long stamp, int images) {
            latest = new RenderedImages(stamp, List.of(), false, java.util.Collections.nCopies(images, new int[4]), 2,
                    0, 0, 0, null);
        }

        void fail(long stamp) {
            latest = new RenderedImages(stamp, List.of(), false, List.of(), 2, 0, 0, 0, "out of memory");
        }
    }

    private static final List<float[]> ONE = List.of(new float[1]);

    @Test
    void onlyTheNewestRequestIsShownWhenOlderOnesMayBeGone() {
        ScriptedChannel channel = new ScriptedChannel();
        ChannelImages strip = new ChannelImages(channel, true);
        strip.submit(ONE, false);
        strip.submit(ONE, false);
        channel.draw(1, 3);
        strip.refresh();
        assertTrue(strip.get().isEmpty(), "the first request was replaced");
        channel.draw(2, 4);
        strip.refresh();
        assertEquals(4, strip.get().size());
        assertEquals(2, strip.get().get(0).width());

        strip.submit(ONE, false);
        strip.clear();
        channel.draw(3, 5);
        strip.refresh();
        assertTrue(strip.get().isEmpty(), "cleared: a late result stays away");
    }

    @Test
    void aChannelThatShowsWhateverIsNewestShowsLateResultsAndFailuresEmpty() {
        ScriptedChannel channel = new ScriptedChannel();
        ChannelImages grid = new ChannelImages(channel, false);
        grid.submit(ONE, false);
        grid.submit(ONE, false);
        channel.draw(1, 16);
        grid.refresh();
        assertEquals(16, grid.property().get().size(), "better an older grid than none");
        channel.fail(2);
        grid.refresh();
        assertTrue(grid.get().isEmpty());
    }
}

package org.dcganstudio.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dcganstudio.testing.ScriptedChannel;
import org.junit.jupiter.api.Test;

class ChannelImagesTest {

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

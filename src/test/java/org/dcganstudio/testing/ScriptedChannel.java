package org.dcganstudio.testing;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.render.Renderer;

/** A renderer channel that draws nothing by itself: its results arrive when a test says, in any order. */
public class ScriptedChannel implements Renderer.Channel {

    private long stamps;
    private RenderedImages latest;

    @Override
    public long submit(List<float[]> latents, boolean batchStats) {
        return ++stamps;
    }

    @Override
    public CompletableFuture<RenderedImages> render(List<float[]> latents, boolean batchStats) {
        return new CompletableFuture<>(); // never drawn
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

    /** Publishes {@code images} blank 2×2 images as the result of request {@code stamp}. */
    public void draw(long stamp, int images) {
        latest = new RenderedImages(stamp, List.of(), false, Collections.nCopies(images, new int[4]), 2, 0, 0, 0,
                null);
    }

    /** Publishes a failure as the result of request {@code stamp}. */
    public void fail(long stamp) {
        latest = new RenderedImages(stamp, List.of(), false, List.of(), 2, 0, 0, 0, "out of memory");
    }
}

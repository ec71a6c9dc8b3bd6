package org.dcganstudio.core.render;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What both renderers' channels share: turning submissions into requests and publishing results.
 * Results are published in an {@link AtomicReference} for a UI to pull at its own rate.
 */
abstract class RenderChannel implements Renderer.Channel {

    private final String name;
    private final LongSupplier stamps;
    private final AtomicReference<RenderedImages> latest = new AtomicReference<>();
    private final List<Consumer<RenderedImages>> listeners = new CopyOnWriteArrayList<>();

    RenderChannel(String name, LongSupplier stamps) {
        this.name = name;
        this.stamps = stamps;
    }

    /** Queues {@code request} in place of this channel's waiting one, or draws it at once. */
    abstract void enqueue(RenderRequest request);

    @Override
    public final long submit(List<float[]> latents, boolean batchStats) {
        return send(latents, batchStats).stamp();
    }

    @Override
    public final CompletableFuture<RenderedImages> render(List<float[]> latents, boolean batchStats) {
        return send(latents, batchStats).drawn();
    }

    private RenderRequest send(List<float[]> latents, boolean batchStats) {
        RenderRequest request = RenderRequest.of(latents, batchStats, stamps);
        enqueue(request);
        return request;
    }

    @Override
    public final RenderedImages latest() {
        return latest.get();
    }

    @Override
    public final void onRendered(Consumer<RenderedImages> listener) {
        listeners.add(listener);
    }

    final void publish(RenderRequest request, RenderedImages result) {
        latest.set(result);
        for (Consumer<RenderedImages> l : listeners) {
            l.accept(result);
        }
        request.drawn().complete(result);
    }

    @Override
    public String toString() {
        return "channel " + name;
    }
}

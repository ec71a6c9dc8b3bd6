package org.dcganstudio.core.render;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Turns latent vectors into pixels with a generator of its own. ViewModels depend on this, not on
 * a thread: the studio's {@link LatentRenderer} draws on a thread of its own, while
 * {@link SameThreadRenderer} draws on the caller's, so a ViewModel test sees its images at once.
 */
public interface Renderer extends AutoCloseable {

    /**
     * A new channel. Channels made first are served first when several wait, so make the one a
     * user drags (the current image) before the ones that can lag (grids).
     */
    Channel channel(String name);

    /** Swaps the generator the next renders use (pending requests are drawn with it). */
    void setWeights(GeneratorWeights next);

    /** The weights renders use now, or null before any. */
    GeneratorWeights weights();

    /** Frees the generator's native memory; requests not drawn by then never will be. */
    @Override
    void close();

    /** A stream of requests of one kind, of which only the newest waiting one is drawn. */
    interface Channel {

        /**
         * Asks for images of {@code latents} (each of the model's nz); replaces any request of
         * this channel still waiting.
         *
         * @return the request's stamp
         */
        long submit(List<float[]> latents, boolean batchStats);

        /**
         * Submits as {@link #submit} does and hands back the result, for a caller that must wait
         * for these very images (an export's frames). The future is cancelled when a newer request
         * of this channel replaces this one before it is drawn, or when the renderer closes first;
         * an image that could not be drawn completes it with a result that is not
         * {@link RenderedImages#ok()}.
         */
        CompletableFuture<RenderedImages> render(List<float[]> latents, boolean batchStats);

        /** The newest result, or null before the first. */
        RenderedImages latest();

        /** Called on the rendering thread after each result of this channel (benchmarks, tests). */
        void onRendered(Consumer<RenderedImages> listener);

        /** Whether a request of this channel waits to be drawn. */
        boolean busy();
    }
}

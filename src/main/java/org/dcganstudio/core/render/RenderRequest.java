package org.dcganstudio.core.render;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * One request as a renderer keeps it: copies of the latents (the caller may reuse its arrays) and
 * the future its result completes.
 */
record RenderRequest(long stamp, List<float[]> latents, boolean batchStats, long submittedNanos,
        CompletableFuture<RenderedImages> drawn) {

    static RenderRequest of(List<float[]> latents, boolean batchStats, LongSupplier stamps) {
        if (latents.isEmpty()) {
            throw new IllegalArgumentException("nothing to render");
        }
        List<float[]> copy = new ArrayList<>(latents.size());
        for (float[] z : latents) {
            copy.add(z.clone());
        }
        return new RenderRequest(stamps.getAsLong(), List.copyOf(copy), batchStats, System.nanoTime(),
                new CompletableFuture<>());
    }

    /** This request will never be drawn: a newer one replaced it, or its renderer closed. */
    void drop() {
        drawn.cancel(false);
    }
}

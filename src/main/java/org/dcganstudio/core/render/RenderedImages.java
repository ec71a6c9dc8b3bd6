package org.dcganstudio.core.render;

import java.util.List;

/**
 * What a renderer made for one request: ready-to-show pixels, and the figures a view or benchmark
 * reports. Arrays are never written after publication.
 *
 * @param stamp the request's stamp (stamps grow with every submission to a renderer)
 * @param latents the request's latent vectors, one per image
 * @param batchStats whether BatchNorm used the batch's statistics (else its running ones)
 * @param argb one packed 0xAARRGGBB image of {@code size²} pixels per latent, row-major
 * @param size side of each image in pixels
 * @param weightsStep the training step of the weights that drew it
 * @param submittedNanos {@link System#nanoTime()} at submission
 * @param finishedNanos {@link System#nanoTime()} when the pixels were ready
 * @param error why nothing was drawn, or null
 */
public record RenderedImages(long stamp, List<float[]> latents, boolean batchStats, List<int[]> argb, int size,
        long weightsStep, long submittedNanos, long finishedNanos, String error) {

    /** Milliseconds from submission to pixels: what a dragging user waits. */
    public double latencyMillis() {
        return (finishedNanos - submittedNanos) / 1e6;
    }

    /** Whether images were drawn. */
    public boolean ok() {
        return error == null;
    }
}

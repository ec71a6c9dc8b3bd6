/**
 * Generating images for people to look at: immutable snapshots of a generator's weights, and the
 * {@link org.dcganstudio.core.render.Renderer} that turns latent vectors into pixels, coalescing
 * requests so only the newest is drawn. The studio draws on a thread of its own
 * ({@link org.dcganstudio.core.render.LatentRenderer}); tests draw on their own thread
 * ({@link org.dcganstudio.core.render.SameThreadRenderer}). Core: no JavaFX; the Explore and
 * Arithmetic ViewModels and {@code bench --explore} share it.
 */
package org.dcganstudio.core.render;

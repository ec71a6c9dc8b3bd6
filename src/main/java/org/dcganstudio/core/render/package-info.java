/**
 * Generating images for people to look at: immutable snapshots of a generator's weights, and the
 * renderer thread that turns latent vectors into pixels, coalescing requests so only the newest is
 * drawn. Core: no JavaFX; the Explore and Arithmetic ViewModels and {@code bench --explore} share it.
 */
package org.dcganstudio.core.render;

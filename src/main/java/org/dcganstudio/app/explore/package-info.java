/**
 * The Explore section's ViewModel: the current image and its latent vector, a grid of samples,
 * direction and per-dimension sliders, interpolation paths between anchors, and saving or
 * exporting what was found. Rendering goes through the shared renderer thread; nothing here waits.
 */
package org.dcganstudio.app.explore;

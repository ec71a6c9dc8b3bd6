/**
 * The Explore section's ViewModels: the current image and its latent vector with the direction and
 * per-dimension sliders and a grid of samples ({@code LatentCursor}), interpolation paths between
 * anchors ({@code InterpolationPath}), PNG and GIF exports ({@code ExploreExports}), finding
 * directions and training-set neighbours, and saving what was found ({@code ExplorationFiles});
 * {@code ExploreViewModel} puts them together for the view. Rendering goes through the shared
 * {@code Renderer}: nothing on the UI thread waits for it.
 */
package org.dcganstudio.app.explore;

/**
 * Finding meaningful directions in a generator's latent space: GANSpace-style principal
 * components of G's first-block activations mapped back to latent vectors. Runs the engine (unlike
 * {@code core.latent}, which is plain vector maths); no JavaFX.
 */
package org.dcganstudio.core.explore;

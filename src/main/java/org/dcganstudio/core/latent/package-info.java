/**
 * Latent-space maths on plain {@code float[]} vectors: interpolation paths (lerp, slerp), group
 * averages and the paper's vector arithmetic with its noisy 3×3 neighbourhood. No engine, no
 * JavaFX: the CLI, the Explore and Arithmetic views and the evaluation share it.
 */
package org.dcganstudio.core.latent;

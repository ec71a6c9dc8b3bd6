/**
 * The headless command line (picocli): train, sample, score and bench; latent walks and vector
 * arithmetic; data set downloads, inspection and exports.
 */
package org.dcganstudio.cli;

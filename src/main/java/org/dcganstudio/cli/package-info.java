/**
 * The headless command line (picocli): train, sample, score and bench; latent walks and vector
 * arithmetic; data set downloads, inspection and exports; and the measurements (directions,
 * attribute classifier, arithmetic-eval, neighbours).
 */
package org.dcganstudio.cli;

/**
 * The headless command line (picocli): train, sample, score and bench, data sets, and the
 * explore/measure commands (directions, classifier, arithmetic-eval, neighbours).
 */
package org.dcganstudio.cli;

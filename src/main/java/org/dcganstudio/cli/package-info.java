/** The headless command line (picocli): train, sample, score and bench. */
package org.dcganstudio.cli;

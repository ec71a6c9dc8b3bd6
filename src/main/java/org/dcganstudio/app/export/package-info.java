/**
 * The Export section's ViewModel: a run's training evolution as an animated GIF, written in the
 * background with progress and cancel, never leaving a partial file.
 */
package org.dcganstudio.app.export;

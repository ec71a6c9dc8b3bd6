/**
 * Pictures leaving the studio: sample grids as PNG, animated GIFs whose frames share one
 * quantised palette, and a run's training (its recorded grids) as such a GIF. Core: no JavaFX.
 */
package org.dcganstudio.core.export;

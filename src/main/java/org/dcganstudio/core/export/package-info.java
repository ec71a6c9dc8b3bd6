/**
 * Pictures leaving the studio: sample grids as PNG, and animated GIFs whose frames share one
 * quantised palette. Core: no JavaFX.
 */
package org.dcganstudio.core.export;

/**
 * Neural-network building blocks DJL's PyTorch engine lacks or runs slowly: an exact
 * {@code ConvTranspose2d} (phase decomposition) and a direct {@code BatchNorm2d}. Core: no JavaFX.
 */
package org.dcganstudio.core.nn;

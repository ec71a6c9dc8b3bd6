/**
 * Training: the reference DCGAN step on fused Adam, runs in run directories, checkpoints that
 * restore everything, and the statistics they report. Core: no JavaFX.
 */
package org.dcganstudio.core.training;

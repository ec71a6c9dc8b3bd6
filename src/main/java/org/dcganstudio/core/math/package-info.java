/**
 * Small numeric tools with no engine behind them: the seeded random streams and the eigen
 * decomposition of small symmetric matrices. Core: no JavaFX.
 */
package org.dcganstudio.core.math;

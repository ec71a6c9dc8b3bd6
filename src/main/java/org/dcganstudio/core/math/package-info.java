/**
 * Small numeric tools with no engine behind them: the seeded random streams. Core: no JavaFX.
 */
package org.dcganstudio.core.math;

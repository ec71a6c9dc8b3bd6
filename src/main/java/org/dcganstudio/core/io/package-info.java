/**
 * File-writing helpers shared by checkpoints, exports and run directories, and the names of a run
 * directory's files. Core: no JavaFX.
 */
package org.dcganstudio.core.io;

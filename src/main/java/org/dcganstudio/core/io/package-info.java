/** File-writing helpers shared by checkpoints, exports and run directories. Core: no JavaFX. */
package org.dcganstudio.core.io;

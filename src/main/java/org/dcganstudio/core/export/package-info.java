/** Pictures leaving the studio: sample grids as PNG (GIFs follow with the shipping issue). Core: no JavaFX. */
package org.dcganstudio.core.export;

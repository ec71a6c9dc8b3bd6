/**
 * Data: the image-data-set abstraction, the built-in procedural data sets, seeded epoch batching
 * and background prefetching. Core: no JavaFX.
 */
package org.dcganstudio.core.data;

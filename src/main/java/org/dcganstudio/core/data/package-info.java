/**
 * Data: one pipeline from any source to the network's batches. Readers and generators
 * ({@code formats}, {@code folder}, {@code faces}) yield decoded {@link org.dcganstudio.core.data.Raster}s
 * with their labels ({@link org.dcganstudio.core.data.ImageAnnotations}); the
 * {@link org.dcganstudio.core.data.Preprocessor} resizes, crops and converts them as the reference
 * DCGAN does; {@link org.dcganstudio.core.data.PreparedImages} caches the result in 8 bits;
 * {@link org.dcganstudio.core.data.EpochBatcher} shuffles per epoch from the seed and
 * {@link org.dcganstudio.core.data.BatchPrefetcher} prepares batches ahead on worker threads.
 * {@link org.dcganstudio.core.data.DataSpec} turns a {@code --data} spec into a data set. Also the
 * procedural shapes and colours used by tests and demos, and {@link org.dcganstudio.core.data.ImageExport},
 * which writes any source's images back out as PNGs with a CSV of their labels. Core: no JavaFX.
 */
package org.dcganstudio.core.data;

/**
 * Readers for the downloadable image data sets as their authors publish them: MNIST-style idx
 * files (plain or gzipped) and the CIFAR-10 binary batches (a folder or the {@code .tar.gz} itself,
 * read without unpacking). Each is a {@link org.dcganstudio.core.data.RasterSource} that holds the
 * whole set in one byte array. Core: no JavaFX.
 */
package org.dcganstudio.core.data.formats;

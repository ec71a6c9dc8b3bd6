/**
 * Download of the public data sets (MNIST, Fashion-MNIST, CIFAR-10): the catalog of their files
 * with digests, the cache folder they go to, and a resumable, checksum-verified downloader. Core:
 * no JavaFX, JDK only.
 */
package org.dcganstudio.core.data.download;

/**
 * Measuring what a generator learned: an attribute classifier trained on the synthetic faces,
 * the success rate of the paper's vector arithmetic judged by it, and nearest neighbours of
 * generated images in the training set (pixels and D's features), the memorisation check. Runs the
 * engine; no JavaFX.
 */
package org.dcganstudio.core.measure;

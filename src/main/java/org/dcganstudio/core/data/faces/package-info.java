/**
 * The synthetic faces, the studio's embedded default data set: procedural cartoon faces with
 * labelled attributes (smiling, long hair, glasses, hair colour, skin tone, background) for the
 * paper's latent walks and vector arithmetic, and queries that pick the images matching an
 * attribute combination ({@link org.dcganstudio.core.data.ImageExport} writes them out as PNGs with
 * an attribute CSV). Core: no JavaFX.
 */
package org.dcganstudio.core.data.faces;

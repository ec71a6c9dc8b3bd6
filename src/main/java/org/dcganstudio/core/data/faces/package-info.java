/**
 * The synthetic faces, the studio's embedded default data set: procedural cartoon faces with
 * labelled attributes (smiling, long hair, glasses, hair colour, skin tone, background) for the
 * paper's latent walks and vector arithmetic, an export of them as PNGs with an attribute CSV,
 * and queries that pick the images matching an attribute combination. Core: no JavaFX.
 */
package org.dcganstudio.core.data.faces;

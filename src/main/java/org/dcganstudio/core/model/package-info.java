/**
 * The DCGAN itself: {@link org.dcganstudio.core.model.ModelConfig}, the generator and discriminator
 * of pytorch/examples generalised to other image sizes, the paper's initialisation and the
 * PyTorch state-dict naming. Core: no JavaFX.
 */
package org.dcganstudio.core.model;

/**
 * Moving models and data to and from PyTorch: state dicts as {@code .safetensors} with
 * pytorch/examples keys, latents and images as {@code .npy}. Core: no JavaFX.
 */
package org.dcganstudio.core.interop;

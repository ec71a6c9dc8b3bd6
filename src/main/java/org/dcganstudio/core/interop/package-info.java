/**
 * Moving models and data to and from PyTorch: state dicts as {@code .safetensors} with
 * pytorch/examples keys, or read from {@code torch.save} archives ({@code .pt}/{@code .pth})
 * through a pickle reader that runs nothing; latents and images as {@code .npy}. Core: no JavaFX.
 */
package org.dcganstudio.core.interop;

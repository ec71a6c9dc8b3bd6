package org.dcganstudio.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import org.dcganstudio.core.nn.BatchNorm2d;
import org.dcganstudio.core.nn.ConvTranspose2d;

/**
 * The DCGAN generator of pytorch/examples {@code dcgan/main.py}: transposed convolutions, batch
 * norm and ReLU on every hidden layer, Tanh out, no pooling and no fully connected layer. Image
 * sizes other than 64 add or remove stride-2 layers ({@link ModelConfig#upsamplingLayers()}).
 */
public final class Generator extends DcganNetwork {

    /**
     * Builds and initialises a generator on the manager's device.
     *
     * @param config the architecture
     * @param parent the manager whose device holds the weights (the network takes a sub-manager)
     * @param seed the initialisation seed
     */
    public Generator(ModelConfig config, NDManager parent, long seed) {
        super(config, build(config), parent, new Shape(1, config.nz(), 1, 1));
        initialise(seed);
    }

    static SequentialBlock build(ModelConfig c) {
        int n = c.upsamplingLayers();
        SequentialBlock main = new SequentialBlock();
        main.add(convT(c.ngf() * c.generatorMultiplier(0), c.baseSize(), 1, 0));
        main.add(new BatchNorm2d()).add(Activation.reluBlock());
        for (int i = 1; i < n; i++) {
            main.add(convT(c.ngf() * c.generatorMultiplier(i), 4, 2, 1));
            main.add(new BatchNorm2d()).add(Activation.reluBlock());
        }
        main.add(convT(c.channels(), 4, 2, 1));
        main.add(Activation.tanhBlock());
        return main;
    }

    private static ConvTranspose2d convT(long filters, int kernel, int stride, int padding) {
        return squareLayer(ConvTranspose2d.builder(), filters, kernel, stride, padding).build();
    }

    /**
     * Generates images in [-1, 1] from latents.
     *
     * @param z {@code (N, nz, 1, 1)} or {@code (N, nz)}
     * @param training batch statistics (and running-statistics updates) when true; running
     *     statistics (PyTorch's eval mode) when false
     * @return {@code (N, channels, size, size)}
     */
    public NDArray forward(NDArray z, boolean training) {
        return runMain(asLatents(z), training);
    }

    /**
     * The output of the first block (transposed convolution, batch norm, ReLU) in eval mode,
     * flattened: the early features GANSpace takes principal components of, because there every
     * unit still sees the whole image.
     *
     * @param z {@code (N, nz)} or {@code (N, nz, 1, 1)}
     * @return {@code (N, ngf·8·base·base)} for the reference layout
     */
    public NDArray firstBlock(NDArray z) {
        NDArray latents = asLatents(z);
        NDArray out = runLayers(latents, 0, FIRST_BLOCK_LAYERS, false);
        return out.reshape(latents.getShape().get(0), -1);
    }

    /** {@code z} as {@code (N, nz, 1, 1)}, from that shape or {@code (N, nz)}. */
    private NDArray asLatents(NDArray z) {
        Shape s = z.getShape();
        NDArray latents = s.dimension() == 2 ? z.reshape(s.get(0), s.get(1), 1, 1) : z;
        Shape shape = latents.getShape();
        if (shape.dimension() != 4 || shape.get(1) != config().nz() || shape.get(2) != 1 || shape.get(3) != 1) {
            throw new IllegalArgumentException(
                    "generator expects latents (N, " + config().nz() + ") or (N, " + config().nz() + ", 1, 1), got " + s);
        }
        return latents;
    }

    /** Children of {@code main} that make the first block: ConvTranspose2d, BatchNorm2d, ReLU. */
    static final int FIRST_BLOCK_LAYERS = 3;
}

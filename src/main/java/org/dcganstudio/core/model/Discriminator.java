package org.dcganstudio.core.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import org.dcganstudio.core.nn.BatchNorm2d;
import org.dcganstudio.core.nn.Conv2d;

/**
 * The DCGAN discriminator of pytorch/examples: strided convolutions, LeakyReLU(0.2), batch norm on
 * every layer but the input one. The reference ends in a Sigmoid; here {@link #logits} stops before
 * it, because the loss takes logits (binary cross-entropy as softplus, exact where
 * {@code BCELoss(sigmoid(x))} saturates) and {@link #score} applies it. The Sigmoid has no
 * weights, so state-dict keys are unchanged.
 */
public final class Discriminator extends DcganNetwork {

    /**
     * Builds and initialises a discriminator.
     *
     * @param config the architecture
     * @param parent the manager whose device holds the weights
     * @param seed the initialisation seed
     */
    public Discriminator(ModelConfig config, NDManager parent, long seed) {
        super(config, build(config), parent, new Shape(1, config.channels(), config.imageSize(), config.imageSize()));
        initialise(seed);
    }

    static SequentialBlock build(ModelConfig c) {
        int n = c.upsamplingLayers();
        SequentialBlock main = new SequentialBlock();
        main.add(conv(c.ndf(), 4, 2, 1)).add(Activation.leakyReluBlock(0.2f));
        for (int i = 1; i < n; i++) {
            main.add(conv(c.ndf() * c.discriminatorMultiplier(i), 4, 2, 1));
            main.add(new BatchNorm2d()).add(Activation.leakyReluBlock(0.2f));
        }
        main.add(conv(1, c.baseSize(), 1, 0));
        return main;
    }

    private static Conv2d conv(int filters, int kernel, int stride, int padding) {
        return squareLayer(Conv2d.builder(), filters, kernel, stride, padding).build();
    }

    /**
     * D's pre-sigmoid outputs.
     *
     * @param images {@code (N, channels, size, size)} in [-1, 1]
     * @param training batch statistics when true, running statistics when false
     * @return {@code (N)}
     */
    public NDArray logits(NDArray images, boolean training) {
        long n = batchOf(images);
        return runMain(images, training).reshape(n);
    }

    /**
     * The input of D's last convolution, flattened: the features D's verdict is a linear function
     * of, where nearest neighbours compare what D compares rather than raw pixels.
     *
     * @param images {@code (N, channels, size, size)} in [-1, 1]
     * @param training batch statistics when true, running statistics when false
     * @return {@code (N, ndf·8·base·base)} for the reference layout
     */
    public NDArray penultimateFeatures(NDArray images, boolean training) {
        long n = batchOf(images);
        return runLayers(images, 0, layerCount() - 1, training).reshape(n, -1);
    }

    /** The batch size of {@code images}, once their shape is checked against the architecture. */
    private long batchOf(NDArray images) {
        ModelConfig c = config();
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != c.channels() || s.get(2) != c.imageSize() || s.get(3) != c.imageSize()) {
            throw new IllegalArgumentException("discriminator expects images (N, " + c.channels() + ", "
                    + c.imageSize() + ", " + c.imageSize() + "), got " + s);
        }
        return s.get(0);
    }

    /** D's probability that each image is real: the reference's Sigmoid output, shape {@code (N)}. */
    public NDArray score(NDArray images, boolean training) {
        return Activation.sigmoid(logits(images, training));
    }
}

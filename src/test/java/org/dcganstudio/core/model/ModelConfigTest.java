package org.dcganstudio.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelConfigTest {

    static Stream<ModelConfig> configs() {
        return Stream.of(
                ModelConfig.REFERENCE,
                new ModelConfig(64, 3, 8, 2, 2, LatentPrior.NORMAL),
                new ModelConfig(28, 1, 16, 8, 4, LatentPrior.NORMAL),
                new ModelConfig(128, 3, 10, 3, 5, LatentPrior.NORMAL));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void largestActivationIsTheLargestLayerOutputOrImage(ModelConfig c) {
        try (NDManager m = NDManager.newBaseManager();
                Generator g = new Generator(c, m, 1);
                Discriminator d = new Discriminator(c, m, 1)) {
            Shape image = new Shape(1, c.channels(), c.imageSize(), c.imageSize());
            long largest = Math.max(largestOutput(g.block().getChildren().values(), new Shape(1, c.nz(), 1, 1)),
                    largestOutput(d.block().getChildren().values(), image));
            assertEquals(Math.max(largest, image.size()), c.largestActivation());
        }
    }

    private static long largestOutput(Iterable<Block> layers, Shape input) {
        long largest = 0;
        Shape shape = input;
        for (Block layer : layers) {
            shape = layer.getOutputShapes(new Shape[] {shape})[0];
            largest = Math.max(largest, shape.size());
        }
        return largest;
    }

    @org.junit.jupiter.api.Test
    void theReferenceIsFarBelowTheWeightLimitAndHugeFeatureMapsAreRefusedBeforeAllocation() {
        new ModelConfig(256, 3, 512, 256, 256, LatentPrior.NORMAL);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ModelConfig(64, 3, 100, 4096, 64, LatentPrior.NORMAL));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("a model of 64×64×3, nz 100, ngf 4096, "
                + "ndf 64 has "), e.getMessage());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().endsWith("convolution weights, above the limit of "
                + ModelConfig.MAX_WEIGHTS + " (lower ngf or ndf)"), e.getMessage());
    }
}

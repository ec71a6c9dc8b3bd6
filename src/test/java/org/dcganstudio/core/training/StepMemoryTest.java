package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A step's or a sample's arrays die with it: nothing piles up on the networks' long-lived managers. */
class StepMemoryTest {

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 4})
    void stepsLeaveTheNetworksManagersAsTheyWere(int batch) {
        ModelConfig config = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        try (DcganTrainer t = new DcganTrainer(config, OptimizerSettings.PAPER, Device.cpu(), 5)) {
            float[] real = new float[batch * 3 * 32 * 32];
            float[] z = new float[batch * 8];
            int[] counts = new int[2];
            for (int step = 0; step < 4; step++) {
                Rng.derive(5, 1, step).fillUniform(real, -1, 1);
                Rng.derive(5, 2, step).fillGaussian(z, 0, 1);
                t.step(real, z, batch);
                t.drainStats();
                int g = t.generator().manager().getManagedArrays().size();
                int d = t.discriminator().manager().getManagedArrays().size();
                if (step > 0) {
                    assertEquals(counts[0], g, "generator arrays after step " + step);
                    assertEquals(counts[1], d, "discriminator arrays after step " + step);
                }
                counts[0] = g;
                counts[1] = d;
            }
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {1, 3})
    void generatingLeavesTheGeneratorsManagerAsItWas(int count) {
        ModelConfig config = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);
        try (DcganTrainer t = new DcganTrainer(config, OptimizerSettings.PAPER, Device.cpu(), 5)) {
            float[] z = new float[count * 8];
            Rng.derive(5, 3, 0).fillGaussian(z, 0, 1);
            t.generate(z, count, false);
            int arrays = t.generator().manager().getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                // batch statistics run a training forward, which drops the cached inference kernels
                t.generate(z, count, true);
                t.generate(z, count, false);
            }
            assertEquals(arrays, t.generator().manager().getManagedArrays().size());
        }
    }
}

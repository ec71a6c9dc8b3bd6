package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.Device;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;

class ReproducibilityTest {

    private static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    @Test
    void sameSeedGivesTheSameLossesForTwentySteps() {
        float[][] a = losses(7);
        float[][] b = losses(7);
        for (int i = 0; i < a.length; i++) {
            assertArrayEquals(a[i], b[i], 1e-5f, "step " + i);
        }
        assertNotEquals(a[19][Metric.LOSS_D.index()], losses(8)[19][Metric.LOSS_D.index()], "another seed, another run");
    }

    private static float[][] losses(long seed) {
        try (DcganTrainer t = new DcganTrainer(TINY, OptimizerSettings.PAPER, Device.cpu(), seed)) {
            float[] real = new float[8 * 3 * 32 * 32];
            float[] z = new float[8 * 8];
            for (int step = 0; step < 20; step++) {
                Rng.derive(seed, 1, step).fillUniform(real, -1, 1);
                Rng.derive(seed, 2, step).fillGaussian(z, 0, 1);
                t.step(real, z, 8);
            }
            return t.drainStats();
        }
    }
}

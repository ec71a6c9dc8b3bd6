package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Discriminator;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;
import org.junit.jupiter.api.Test;

/** The shipped default model: found, the paper's 64×64 architecture, and it draws varied faces. */
class DefaultModelTest {

    @Test
    void theShippedModelLoadsAndGeneratesImagesOfTheExpectedShape() throws Exception {
        Path file = DefaultModel.find().orElseThrow(() -> new AssertionError("assets/default-model/faces64.ckpt missing"));
        Checkpoint ckpt = Checkpoint.read(file);
        assertTrue(ckpt.weightsOnly(), "shipped without Adam state");
        ModelConfig c = ckpt.config().model();
        assertEquals(new ModelConfig(64, 3, 100, 64, 64, LatentPrior.NORMAL), c);
        assertEquals(100, ckpt.fixedNoise().length / 64, "the run's 8×8 grid noise travels with it");

        Autograd.disableOnThisThread();
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
                Generator g = new Generator(c, m, 0);
                Discriminator d = new Discriminator(c, m, 0)) {
            ckpt.restoreGenerator(g);
            ckpt.restoreDiscriminator(d);
            float[] z = new float[4 * c.nz()];
            c.zPrior().fill(new Rng(3), z);
            NDArray images = g.forward(m.create(z, new Shape(4, c.nz(), 1, 1)), false);
            assertEquals(new Shape(4, 3, 64, 64), images.getShape());
            float[] v = images.toFloatArray();
            for (float x : v) {
                assertTrue(x >= -1 && x <= 1, "tanh output, got " + x);
            }
            // Faces, not a constant or a collapsed mode: each image varies, and two latents differ.
            int n = 3 * 64 * 64;
            assertTrue(std(v, 0, n) > 0.2, "image 0 has structure");
            assertTrue(meanAbsDiff(v, 0, n, n) > 0.05, "different latents draw different images");
            NDArray scores = d.score(images, false);
            assertEquals(4, scores.getShape().get(0), "the discriminator ships too and scores each image");
        }
    }

    private static double std(float[] v, int from, int n) {
        double mean = 0;
        for (int i = from; i < from + n; i++) {
            mean += v[i];
        }
        mean /= n;
        double var = 0;
        for (int i = from; i < from + n; i++) {
            var += (v[i] - mean) * (v[i] - mean);
        }
        return Math.sqrt(var / n);
    }

    private static double meanAbsDiff(float[] v, int a, int b, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += Math.abs(v[a + i] - v[b + i]);
        }
        return sum / n;
    }
}

package org.dcganstudio.core.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.EpochBatcher;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.junit.jupiter.api.Test;

/**
 * Training works: on images of a few solid colours, generated colours move to the data's. G gets a
 * faster learning rate than the paper's so that a few hundred steps suffice on CI's two cores.
 */
class LearningTest {

    /**
     * Steps to train. The path differs between CPUs (MKL picks other kernels on AMD than on Intel):
     * one Intel machine got there in 300, an AMD EPYC in 650; 800 leaves room on both.
     */
    private static final int STEPS = 800;

    @Test
    void generatedColoursMoveTowardTheData() {
        // A GAN's path depends on the order of floating-point sums, which depends on the intra-op
        // thread count: pin it, so the test takes the same path on every machine.
        // Load libtorch first: run alone, this test is the first to ask it anything.
        ai.djl.engine.Engine.getEngine("PyTorch");
        int threads = ai.djl.pytorch.jni.JniUtils.getNumThreads();
        ai.djl.pytorch.jni.JniUtils.setNumThreads(2);
        try {
            train();
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(threads);
        }
    }

    private static void train() {
        ModelConfig model = new ModelConfig(32, 3, 16, 16, 16, LatentPrior.NORMAL);
        ImageDataset data = DataSpec.open("solid-colours:512", 32, 3, 3);
        EpochBatcher batcher = new EpochBatcher(data, 16, 3);
        float[][] dataColours = meanColours(batcher.batch(0), 16);
        float[] z = new float[64 * 16];
        Rng.derive(9, 1, 0).fillGaussian(z, 0, 1);
        try (DcganTrainer t = new DcganTrainer(model, new OptimizerSettings(2e-3f, 2e-4f, 0.5f, 0.999f, 1e-8f), Device.cpu(), 3)) {
            double before = distance(meanColours(t.generate(z, 64, false), 64), dataColours);
            float[] noise = new float[16 * 16];
            for (int step = 0; step < STEPS; step++) {
                Rng.derive(3, 2, step).fillGaussian(noise, 0, 1);
                t.step(batcher.batch(step), noise, 16);
            }
            double after = distance(meanColours(t.generate(z, 64, false), 64), dataColours);
            assertTrue(after < 0.5 * before, "mean distance to the nearest data colour: before " + before
                    + ", after " + STEPS + " steps " + after);
        }
    }

    /** Mean RGB of each image (values in [-1, 1]). */
    static float[][] meanColours(float[] images, int count) {
        int plane = 32 * 32;
        float[][] out = new float[count][3];
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < 3; c++) {
                double sum = 0;
                int base = (n * 3 + c) * plane;
                for (int i = 0; i < plane; i++) {
                    sum += images[base + i];
                }
                out[n][c] = (float) (sum / plane);
            }
        }
        return out;
    }

    /** Average over generated colours of the distance to the nearest data colour. */
    static double distance(float[][] generated, float[][] data) {
        double total = 0;
        for (float[] g : generated) {
            double best = Double.MAX_VALUE;
            for (float[] d : data) {
                double dist = Math.sqrt(Math.pow(g[0] - d[0], 2) + Math.pow(g[1] - d[1], 2) + Math.pow(g[2] - d[2], 2));
                best = Math.min(best, dist);
            }
            total += best;
        }
        return total / generated.length;
    }
}

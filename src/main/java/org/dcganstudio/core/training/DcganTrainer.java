package org.dcganstudio.core.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.core.model.Discriminator;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;

/**
 * Owns G, D and their optimizers and runs the reference training step of pytorch/examples
 * {@code dcgan/main.py}. Not thread-safe: one training thread owns an instance (the learning
 * rates may be changed from anywhere).
 *
 * <p>Each step's arrays live in a sub-manager closed at the end of the step, so native memory stays
 * flat. The step's five statistics stay on the device until {@link #drainStats()} reads the
 * steps since the last call in one transfer, so a GPU is not stalled by a read-back every step.
 */
public final class DcganTrainer implements AutoCloseable {

    /** Statistic columns of {@link #drainStats()}. */
    public static final int LOSS_D = 0, LOSS_G = 1, D_X = 2, D_G_Z1 = 3, D_G_Z2 = 4, STATS = 5;

    private final ModelConfig config;
    private final NDManager root;
    private final Generator generator;
    private final Discriminator discriminator;
    private final AdamOptimizer optimizerG;
    private final AdamOptimizer optimizerD;
    private final NDArray ones;
    private final List<NDArray> pendingStats = new ArrayList<>();
    private NDManager statsManager;
    private long steps;

    /**
     * Builds freshly initialised networks on a device.
     *
     * @param config the architecture
     * @param hyper learning rates and Adam betas
     * @param device where the networks live
     * @param seed the initialisation seed
     */
    public DcganTrainer(ModelConfig config, OptimizerSettings hyper, Device device, long seed) {
        Autograd.disableOnThisThread();
        this.config = config;
        this.root = NDManager.newBaseManager(device);
        this.generator = new Generator(config, root, seed);
        this.discriminator = new Discriminator(config, root, seed);
        this.optimizerG = new AdamOptimizer(generator.trainableEntries(), root, hyper.lrG(), hyper.beta1(),
                hyper.beta2(), hyper.epsilon());
        this.optimizerD = new AdamOptimizer(discriminator.trainableEntries(), root, hyper.lrD(), hyper.beta1(),
                hyper.beta2(), hyper.epsilon());
        this.ones = root.ones(new Shape());
        this.statsManager = root.newSubManager();
    }

    /**
     * One iteration: (1) update D on a real batch (label 1) and a detached fake batch (label 0);
     * (2) update G with the non-saturating loss (the same fake batch labelled 1, through the updated
     * D). Losses are binary cross-entropy on D's logits.
     *
     * @param real {@code N·C·S·S} values in [-1, 1], NCHW
     * @param noise {@code N·nz} latent values
     * @param batch N
     */
    public void step(float[] real, float[] noise, int batch) {
        int s = config.imageSize();
        try (NDManager sm = root.newSubManager()) {
            NDArray x = sm.create(real, new Shape(batch, config.channels(), s, s));
            NDArray z = sm.create(noise, new Shape(batch, config.nz(), 1, 1));
            NDArray realLogits;
            NDArray fakeLogits;
            NDArray genLogits;
            NDArray errD;
            NDArray errG;
            Autograd.enableOnThisThread();
            try {
                // (1) Update D: maximise log D(x) + log(1 − D(G(z)))
                optimizerD.zeroGrad();
                realLogits = discriminator.logits(x, true);
                NDArray errReal = Activation.softPlus(realLogits.neg()).mean();
                NDArray fake = generator.forward(z, true);
                fakeLogits = discriminator.logits(fake.stopGradient(), true);
                NDArray errFake = Activation.softPlus(fakeLogits).mean();
                errD = errReal.add(errFake);
                Autograd.backward(errD, ones);
                optimizerD.step();

                // (2) Update G: maximise log D(G(z))
                optimizerG.zeroGrad();
                genLogits = discriminator.logits(fake, true);
                errG = Activation.softPlus(genLogits.neg()).mean();
                Autograd.backward(errG, ones);
                optimizerG.step();
            } finally {
                Autograd.disableOnThisThread();
            }
            NDArray probs = Activation.sigmoid(NDArrays.stack(new NDList(realLogits, fakeLogits, genLogits)));
            NDArray stats = NDArrays.concat(new NDList(NDArrays.stack(new NDList(errD, errG)), probs.mean(new int[] {1})));
            stats.attach(statsManager);
            pendingStats.add(stats);
            steps++;
        }
    }

    /**
     * Reads the statistics of every step since the last call, in one device transfer.
     *
     * @return one row per step: {@code [loss_d, loss_g, d_x, d_g_z1, d_g_z2]}
     */
    public float[][] drainStats() {
        if (pendingStats.isEmpty()) {
            return new float[0][];
        }
        float[] flat = NDArrays.stack(new NDList(pendingStats)).toFloatArray();
        float[][] rows = new float[pendingStats.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * STATS, (i + 1) * STATS);
        }
        pendingStats.clear();
        statsManager.close();
        statsManager = root.newSubManager();
        return rows;
    }

    /**
     * Generates images with the running statistics (eval mode) or, with {@code batchStats}, the
     * batch's own statistics (the running averages are then left as they were).
     *
     * @param noise {@code count·nz} latent values
     * @return {@code count·C·S·S} values in [-1, 1], NCHW
     */
    public float[] generate(float[] noise, int count, boolean batchStats) {
        try (NDManager sm = root.newSubManager()) {
            NDArray z = sm.create(noise, new Shape(count, config.nz(), 1, 1));
            if (!batchStats) {
                return generator.forward(z, false).toFloatArray();
            }
            RunningStats saved = RunningStats.copyOf(generator, sm);
            float[] images = generator.forward(z, true).toFloatArray();
            saved.restore();
            return images;
        }
    }

    /** The architecture. */
    public ModelConfig config() {
        return config;
    }

    /** The generator (owned by this trainer). */
    public Generator generator() {
        return generator;
    }

    /** The discriminator (owned by this trainer). */
    public Discriminator discriminator() {
        return discriminator;
    }

    /** G's optimizer. */
    public AdamOptimizer optimizerG() {
        return optimizerG;
    }

    /** D's optimizer. */
    public AdamOptimizer optimizerD() {
        return optimizerD;
    }

    /** Training steps taken by this trainer (restored by checkpoints). */
    public long steps() {
        return steps;
    }

    /** Restores the step count from a checkpoint. */
    public void setSteps(long steps) {
        this.steps = steps;
    }

    /** The device the networks live on. */
    public Device device() {
        return root.getDevice();
    }

    @Override
    public void close() {
        pendingStats.clear();
        optimizerG.close();
        optimizerD.close();
        generator.close();
        discriminator.close();
        root.close();
    }
}

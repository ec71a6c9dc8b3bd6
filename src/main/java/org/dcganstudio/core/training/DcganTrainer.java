package org.dcganstudio.core.training;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
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
 * flat. The step's loss terms and logits stay on the device, one array a step, until
 * {@link #drainStats()} reads the steps since the last call in one transfer and reduces them to
 * the five statistics on the host, so a GPU is not stalled by a read-back every step.
 */
public final class DcganTrainer implements AutoCloseable {

    /**
     * Batch activations (values) below which a step or a generation runs on one intra-op thread:
     * libtorch's grain size, under which its element-wise kernels never split work, while batch
     * norm and the native convolution still fork and join a thread team per call, for nothing.
     */
    static final long SERIAL_LIMIT = 32768;

    private final ModelConfig config;
    private final NDManager root;
    private final Generator generator;
    private final Discriminator discriminator;
    private final AdamOptimizer optimizerG;
    private final AdamOptimizer optimizerD;
    private final List<NDArray> pendingStats = new ArrayList<>();
    private final List<Integer> pendingBatches = new ArrayList<>();
    private NDManager statsManager;
    private Seeds seeds;
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
        this.statsManager = root.newSubManager();
    }

    /**
     * One iteration: (1) update D on a real batch (label 1) and a detached fake batch (label 0);
     * (2) update G with the non-saturating loss (the same fake batch labelled 1, through the updated
     * D). Losses are binary cross-entropy on D's logits.
     *
     * <p>Each loss is back-propagated from its per-image terms with a seed of 1/N, which hands
     * every term exactly the gradient the mean would: the mean and the sum of D's two losses cost
     * no ops, and D's terms are one array so that one backward pass covers both. The terms and the
     * logits are kept for {@link #drainStats()}, which averages them on the host. A model small
     * enough that parallel kernels only cost (below {@link #SERIAL_LIMIT} values in its largest
     * batch activation) runs the step on one intra-op thread of the calling thread; that also keeps
     * it from stalling on a thread team when the other cores are busy (the JIT compiler, other
     * processes).
     *
     * @param real {@code N·C·S·S} values in [-1, 1], NCHW
     * @param noise {@code N·nz} latent values
     * @param batch N
     */
    public void step(float[] real, float[] noise, int batch) {
        withThreadsFor(batch, () -> {
            runStep(real, noise, batch);
            return null;
        });
    }

    /**
     * Runs {@code work} on one intra-op thread of the calling thread when {@code batch} images
     * stay below {@link #SERIAL_LIMIT} values in the model's largest activation. libtorch's setting
     * is process-wide for threads that have not computed yet, so long-lived threads fix their own
     * count first ({@link EngineSettings#initialiseThisThread()}).
     */
    private <T> T withThreadsFor(int batch, Supplier<T> work) {
        int threads = batch * config.largestActivation() < SERIAL_LIMIT ? JniUtils.getNumThreads() : 1;
        if (threads > 1) {
            JniUtils.setNumThreads(1);
        }
        try {
            return work.get();
        } finally {
            if (threads > 1) {
                JniUtils.setNumThreads(threads);
            }
        }
    }

    private void runStep(float[] real, float[] noise, int batch) {
        int s = config.imageSize();
        Seeds seed = seeds(batch);
        try (NDManager sm = root.newSubManager()) {
            NDArray x = sm.create(real, new Shape(batch, config.channels(), s, s));
            NDArray z = sm.create(noise, new Shape(batch, config.nz(), 1, 1));
            NDArray realLogits;
            NDArray fakeLogits;
            NDArray genLogits;
            NDArray termsD;
            NDArray termsG;
            Autograd.enableOnThisThread();
            try {
                // (1) Update D: maximise log D(x) + log(1 − D(G(z)))
                optimizerD.zeroGrad();
                realLogits = discriminator.logits(x, true);
                NDArray fake = generator.forward(z, true);
                fakeLogits = discriminator.logits(fake.stopGradient(), true);
                termsD = Activation.softPlus(realLogits.neg()).concat(Activation.softPlus(fakeLogits));
                Autograd.backward(termsD, seed.d);
                optimizerD.step();

                // (2) Update G: maximise log D(G(z))
                optimizerG.zeroGrad();
                genLogits = discriminator.logits(fake, true);
                termsG = Activation.softPlus(genLogits.neg());
                Autograd.backward(termsG, seed.g);
                optimizerG.step();
            } finally {
                Autograd.disableOnThisThread();
            }
            NDArray stats = NDArrays.concat(new NDList(termsD, termsG, realLogits, fakeLogits, genLogits));
            stats.attach(statsManager);
            pendingStats.add(stats);
            pendingBatches.add(batch);
            steps++;
        }
    }

    /**
     * Reads the statistics of every step since the last call, in one device transfer.
     *
     * @return one row per step, each statistic at its {@link Metric#index()}
     */
    public float[][] drainStats() {
        if (pendingStats.isEmpty()) {
            return new float[0][];
        }
        float[] flat = NDArrays.concat(new NDList(pendingStats)).toFloatArray();
        float[][] rows = new float[pendingStats.size()][];
        int at = 0;
        for (int i = 0; i < rows.length; i++) {
            int n = pendingBatches.get(i);
            // per step: D's real and fake terms, G's terms, then the real, fake and G-pass logits
            float[] row = new float[Metric.COUNT];
            row[Metric.LOSS_D.index()] = (float) (mean(flat, at, n, false) + mean(flat, at + n, n, false));
            row[Metric.LOSS_G.index()] = (float) mean(flat, at + 2 * n, n, false);
            row[Metric.D_X.index()] = (float) mean(flat, at + 3 * n, n, true);
            row[Metric.D_G_Z1.index()] = (float) mean(flat, at + 4 * n, n, true);
            row[Metric.D_G_Z2.index()] = (float) mean(flat, at + 5 * n, n, true);
            rows[i] = row;
            at += 6 * n;
        }
        pendingStats.clear();
        pendingBatches.clear();
        statsManager.close();
        statsManager = root.newSubManager();
        return rows;
    }

    /** The mean of {@code n} values from {@code from}, of their sigmoids if asked. */
    private static double mean(float[] values, int from, int n, boolean sigmoid) {
        double sum = 0;
        for (int i = from; i < from + n; i++) {
            sum += sigmoid ? 1 / (1 + Math.exp(-values[i])) : values[i];
        }
        return sum / n;
    }

    /** The backward seeds of one batch size: 1/N per loss term, made once. */
    private Seeds seeds(int batch) {
        if (seeds == null || seeds.batch != batch) {
            if (seeds != null) {
                seeds.d.close();
                seeds.g.close();
            }
            float[] d = new float[2 * batch];
            Arrays.fill(d, 1f / batch);
            seeds = new Seeds(batch, root.create(d), root.create(Arrays.copyOf(d, batch)));
        }
        return seeds;
    }

    private record Seeds(int batch, NDArray d, NDArray g) {}

    /**
     * Generates images with the running statistics (eval mode) or, with {@code batchStats}, the
     * batch's own statistics (the running averages are then left as they were).
     *
     * @param noise {@code count·nz} latent values
     * @return {@code count·C·S·S} values in [-1, 1], NCHW
     */
    public float[] generate(float[] noise, int count, boolean batchStats) {
        return withThreadsFor(count, () -> runGenerate(noise, count, batchStats));
    }

    private float[] runGenerate(float[] noise, int count, boolean batchStats) {
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
        pendingBatches.clear();
        optimizerG.close();
        optimizerD.close();
        generator.close();
        discriminator.close();
        root.close();
    }
}

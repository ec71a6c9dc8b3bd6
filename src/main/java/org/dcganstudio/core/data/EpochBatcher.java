package org.dcganstudio.core.data;

import org.dcganstudio.core.math.Rng;

/**
 * Cuts a data set into shuffled batches. The batch of a global step depends only on (seed, step),
 * never on what was read before, so a run resumed at step k sees exactly the batches the
 * uninterrupted run would have. Each epoch visits every image once in a fresh order; the last
 * partial batch is dropped so every step has the full batch size.
 */
public final class EpochBatcher {

    /** Stream id for {@link Rng#derive}; distinct from the init, noise and data streams. */
    static final long SHUFFLE_STREAM = 53;

    private final ImageDataset data;
    private final int batch;
    private final long seed;
    private final int stepsPerEpoch;
    private final int imageLength;
    /** The latest epoch's order; an immutable pair, so a racing thread at worst recomputes it. */
    private volatile Order current;

    private record Order(long epoch, int[] indices) {
    }

    /**
     * @param data the images
     * @param batch images per step
     * @param seed the run's seed, which fixes every epoch's order
     */
    public EpochBatcher(ImageDataset data, int batch, long seed) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batch);
        }
        if (data.size() < batch) {
            throw new IllegalArgumentException("data set " + data.name() + " has " + data.size()
                    + " images, fewer than one batch of " + batch);
        }
        this.data = data;
        this.batch = batch;
        this.seed = seed;
        this.stepsPerEpoch = data.size() / batch;
        this.imageLength = data.channels() * data.imageSize() * data.imageSize();
    }

    /** Full batches per epoch (the remainder of size / batch is skipped). */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The 0-based epoch that global step {@code step} falls in. */
    public long epochOf(long step) {
        checkStep(step);
        return step / stepsPerEpoch;
    }

    /**
     * The images of global step {@code step}, as batch·channels·size·size floats in [-1, 1], NCHW.
     *
     * @param step 0-based global step
     * @return a new array
     */
    public float[] batch(long step) {
        long epoch = epochOf(step);
        Order order = current;
        if (order == null || order.epoch() != epoch) {
            order = new Order(epoch, Rng.derive(seed, SHUFFLE_STREAM, epoch).permutation(data.size()));
            current = order;
        }
        int first = (int) (step % stepsPerEpoch) * batch;
        float[] out = new float[batch * imageLength];
        for (int i = 0; i < batch; i++) {
            data.copyImage(order.indices()[first + i], out, i * imageLength);
        }
        return out;
    }

    private static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must not be negative, got " + step);
        }
    }
}

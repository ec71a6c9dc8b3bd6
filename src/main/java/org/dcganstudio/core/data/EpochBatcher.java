package org.dcganstudio.core.data;

import org.dcganstudio.core.math.Rng;

/**
 * Batches of a data set as a pure function of (seed, step): epoch {@code e} visits the images in
 * the order of a permutation drawn from (seed, e), and the last partial batch is dropped. A resumed
 * run therefore sees exactly the batches it would have seen without stopping.
 */
public final class EpochBatcher {

    static final long SHUFFLE_STREAM = 53;

    private final ImageDataset data;
    private final int batch;
    private final long seed;
    private final int stepsPerEpoch;
    private long cachedEpoch = -1;
    private int[] cachedOrder;

    /** Creates a batcher; the data set must hold at least one batch. */
    public EpochBatcher(ImageDataset data, int batch, long seed) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        if (data.size() < batch) {
            throw new IllegalArgumentException("data set " + data.name() + " has " + data.size()
                    + " images, fewer than one batch of " + batch);
        }
        this.data = data;
        this.batch = batch;
        this.seed = seed;
        this.stepsPerEpoch = data.size() / batch;
    }

    /** Full batches per epoch. */
    public int stepsPerEpoch() {
        return stepsPerEpoch;
    }

    /** The 0-based epoch of a 0-based step. */
    public long epochOf(long step) {
        return step / stepsPerEpoch;
    }

    /** The images of 0-based step {@code step}: batch·C·S·S values in [-1, 1], NCHW. */
    public float[] batch(long step) {
        int[] order = order(epochOf(step));
        int first = (int) (step % stepsPerEpoch) * batch;
        int per = data.channels() * data.imageSize() * data.imageSize();
        float[] out = new float[batch * per];
        for (int i = 0; i < batch; i++) {
            data.copyImage(order[first + i], out, i * per);
        }
        return out;
    }

    private synchronized int[] order(long epoch) {
        if (epoch != cachedEpoch) {
            cachedOrder = Rng.derive(seed, SHUFFLE_STREAM, epoch).permutation(data.size());
            cachedEpoch = epoch;
        }
        return cachedOrder;
    }
}

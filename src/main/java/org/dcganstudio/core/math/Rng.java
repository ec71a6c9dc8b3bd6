package org.dcganstudio.core.math;

/**
 * A small seeded generator (SplitMix64) whose whole state is one {@code long}, so a checkpoint can
 * store it and every platform and JDK replays the same numbers. Streams are derived from a seed and
 * counters ({@link #derive}), which makes per-step noise and per-epoch shuffles a pure function of
 * (seed, step) and keeps resumed runs on the same trajectory.
 */
public final class Rng {

    private long state;
    private double spareGaussian = Double.NaN;

    /** Creates a generator from a state word. */
    public Rng(long state) {
        this.state = state;
    }

    /**
     * A generator for one named stream of a run: the same arguments always give the same numbers.
     *
     * @param seed the run's seed
     * @param stream what the numbers are for (noise, shuffling, init, ...)
     * @param counter which draw of that stream (a step, an epoch, a parameter)
     * @return a fresh generator
     */
    public static Rng derive(long seed, long stream, long counter) {
        return new Rng(mix(mix(seed ^ 0x9E3779B97F4A7C15L * (stream + 1)) + counter));
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** A uniform double in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform int in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    /** A standard normal sample (Box–Muller; pairs are used in turn). */
    public double nextGaussian() {
        if (!Double.isNaN(spareGaussian)) {
            double g = spareGaussian;
            spareGaussian = Double.NaN;
            return g;
        }
        double u1 = 1.0 - nextDouble(); // (0, 1], keeps log finite
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        spareGaussian = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** Fills {@code out} with N(mean, std) samples. */
    public void fillGaussian(float[] out, double mean, double std) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (mean + std * nextGaussian());
        }
    }

    /** Fills {@code out} with uniform samples in [lo, hi). */
    public void fillUniform(float[] out, double lo, double hi) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (lo + (hi - lo) * nextDouble());
        }
    }

    /** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

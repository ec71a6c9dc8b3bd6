package org.dcganstudio.core.model;

import org.dcganstudio.core.math.Rng;

/** Where latent vectors come from: the reference's normal, or the paper's uniform in [-1, 1]. */
public enum LatentPrior {
    /** N(0, 1), as pytorch/examples. */
    NORMAL,
    /** U(-1, 1), as the paper. */
    UNIFORM;

    /** Fills {@code out} with samples of this prior. */
    public void fill(Rng rng, float[] out) {
        if (this == NORMAL) {
            rng.fillGaussian(out, 0, 1);
        } else {
            rng.fillUniform(out, -1, 1);
        }
    }

    /**
     * {@code count} latents of {@code nz} values drawn one after the other from {@code rng}: the
     * sample grids of Explore and Arithmetic.
     */
    public java.util.List<float[]> sample(Rng rng, int count, int nz) {
        java.util.List<float[]> out = new java.util.ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] z = new float[nz];
            fill(rng, z);
            out.add(z);
        }
        return out;
    }

    /** The standard deviation of one coordinate: 1, or 1/√3 for the uniform prior. */
    public double std() {
        return this == NORMAL ? 1 : 1 / Math.sqrt(3);
    }

    /** Parses {@code normal} or {@code uniform}, naming the bad value otherwise. */
    public static LatentPrior parse(String text) {
        for (LatentPrior p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        throw new IllegalArgumentException("z prior must be normal or uniform, got '" + text + "'");
    }
}

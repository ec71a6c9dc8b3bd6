package org.dcganstudio.core.latent;

import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.core.math.Rng;

/**
 * The paper's vector arithmetic (section 6.3): each term is a group of latent vectors, averaged
 * because single samples proved unstable, then added or subtracted. The result sits at the centre
 * of a 3×3 grid whose eight neighbours add uniform noise, as in the paper's Figure 7.
 */
public final class VectorArithmetic {

    /** The paper's neighbourhood noise: uniform in [−0.25, 0.25]. */
    public static final double PAPER_NOISE = 0.25;

    /** Images in a result grid: the result and its eight neighbours. */
    public static final int GRID = 9;

    /** One signed term. */
    public record Term(int sign, List<float[]> group) {
        /** Checks the sign and that the group has members. */
        public Term {
            if (sign != 1 && sign != -1) {
                throw new IllegalArgumentException("a term's sign is +1 or -1, got " + sign);
            }
            if (group.isEmpty()) {
                throw new IllegalArgumentException("a group needs at least one latent vector");
            }
            group = List.copyOf(group);
        }

        /** {@code +group}. */
        public static Term plus(List<float[]> group) {
            return new Term(1, group);
        }

        /** {@code −group}. */
        public static Term minus(List<float[]> group) {
            return new Term(-1, group);
        }

        /** The group's average vector. */
        public float[] average() {
            return Vectors.mean(group);
        }
    }

    private VectorArithmetic() {}

    /** Σ sign·average over the terms. */
    public static float[] result(List<Term> terms) {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("arithmetic needs at least one term");
        }
        float[] out = null;
        for (Term t : terms) {
            float[] avg = t.average();
            out = out == null ? Vectors.addScaled(new float[avg.length], avg, t.sign()) : Vectors.addScaled(out, avg, t.sign());
        }
        return out;
    }

    /**
     * The result and its eight neighbours, each {@code result + U(−noise, noise)} per dimension,
     * drawn from {@code rng}; row 0 is the result itself.
     */
    public static List<float[]> neighbourhood(float[] result, double noise, Rng rng) {
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("noise must be a finite value >= 0, got " + noise);
        }
        List<float[]> out = new ArrayList<>(GRID);
        out.add(result.clone());
        float[] u = new float[result.length];
        for (int i = 1; i < GRID; i++) {
            rng.fillUniform(u, -noise, noise);
            out.add(Vectors.addScaled(result, u, 1));
        }
        return out;
    }
}

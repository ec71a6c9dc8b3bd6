package org.dcganstudio.core.explore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;

/**
 * GANSpace's discovered directions (Härkönen et al., 2020): principal components of G's
 * first-block activations over latents drawn from the prior, each mapped back to latent space by
 * least-squares regression of the latents on the component scores, and normalised. The
 * activations, not the latents, carry the structure: the prior is isotropic, so PCA of the
 * latents themselves would find nothing.
 *
 * @param directions unit latent vectors, by decreasing explained variance
 * @param samples latents drawn
 * @param products matrix–block products the PCA took
 */
public record LatentDirections(List<Direction> directions, int samples, int products) {

    /** Latents drawn when none is said: enough for stable leading components, seconds on a CPU. */
    public static final int DEFAULT_SAMPLES = 3000;

    /** Random stream of the latents drawn; distinct from the sampling and training streams. */
    static final long LATENT_STREAM = 73;

    /** Latents per generator call, so the activations are built without a huge transient batch. */
    private static final int CHUNK = 500;

    /**
     * One direction.
     *
     * @param vector a unit vector of length nz; its largest component (in absolute value) is
     *     positive, since the sign of a principal component is arbitrary
     * @param explainedVarianceRatio the share of the first block's activation variance along the
     *     principal component it comes from
     * @param latentStd the standard deviation of the drawn latents' projections on it: slider units
     */
    public record Direction(float[] vector, double explainedVarianceRatio, double latentStd) {}

    /**
     * Discovers directions.
     *
     * @param generator the model, run in eval mode
     * @param count directions, from 1 to nz
     * @param samples latents to draw, at least {@code 2·count} and 10
     * @param seed fixes the latents and the PCA's starting block, and with them the result
     */
    public static LatentDirections discover(Generator generator, int count, int samples, long seed) {
        ModelConfig c = generator.config();
        int nz = c.nz();
        if (count < 1 || count > nz) {
            throw new IllegalArgumentException("--count must be in [1, nz = " + nz + "], got " + count);
        }
        if (samples < Math.max(10, 2 * count)) {
            throw new IllegalArgumentException("--samples must be at least " + Math.max(10, 2 * count) + " for "
                    + count + " directions, got " + samples);
        }
        Autograd.disableOnThisThread();
        float[] z = new float[samples * nz];
        c.zPrior().fill(Rng.derive(seed, LATENT_STREAM, 0), z);
        PrincipalComponents pca;
        try (NDManager m = generator.manager().newSubManager()) {
            NDList chunks = new NDList();
            for (int from = 0; from < samples; from += CHUNK) {
                int rows = Math.min(CHUNK, samples - from);
                float[] part = new float[rows * nz];
                System.arraycopy(z, from * nz, part, 0, part.length);
                NDArray activations = generator.firstBlock(m.create(part, new Shape(rows, nz)));
                activations.attach(m);
                chunks.add(activations);
            }
            NDArray all = chunks.size() == 1 ? chunks.get(0) : NDArrays.concat(chunks);
            all.attach(m);
            int features = Math.toIntExact(all.getShape().get(1));
            if (count > Math.min(samples - 1, features)) {
                throw new IllegalArgumentException("--count " + count + " exceeds the " + features
                        + " first-block features of this model");
            }
            pca = PrincipalComponents.of(all, count, seed);
        }
        double[][] directions = regress(z, samples, nz, pca.scores());
        List<Direction> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            float[] u = unitWithPositiveLead(directions[k]);
            out.add(new Direction(u, pca.explainedVarianceRatio(k), projectionStd(z, samples, nz, u)));
        }
        return new LatentDirections(List.copyOf(out), samples, pca.products());
    }

    /**
     * The least-squares map from component scores to latents, {@code z ≈ z̄ + Σ_k s_k·U_k}: the
     * normal equations {@code (SᵀS) Uᵀ = Sᵀ(Z − z̄)} solved by Cholesky. Scores are already centred.
     *
     * @return {@code U_k} per component, length nz
     */
    static double[][] regress(float[] z, int samples, int nz, double[][] scores) {
        int k = scores.length;
        double[] mean = new double[nz];
        for (int i = 0; i < samples; i++) {
            for (int d = 0; d < nz; d++) {
                mean[d] += z[i * nz + d];
            }
        }
        for (int d = 0; d < nz; d++) {
            mean[d] /= samples;
        }
        double[][] gram = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b <= a; b++) {
                double s = PrincipalComponents.dot(scores[a], scores[b]);
                gram[a][b] = s;
                gram[b][a] = s;
            }
        }
        double[][] rhs = new double[k][nz];
        for (int a = 0; a < k; a++) {
            double[] sa = scores[a];
            for (int i = 0; i < samples; i++) {
                double w = sa[i];
                int row = i * nz;
                for (int d = 0; d < nz; d++) {
                    rhs[a][d] += w * (z[row + d] - mean[d]);
                }
            }
        }
        double[][] l = cholesky(gram);
        double[][] solution = new double[k][nz];
        for (int d = 0; d < nz; d++) {
            double[] y = new double[k];
            for (int i = 0; i < k; i++) {
                double s = rhs[i][d];
                for (int j = 0; j < i; j++) {
                    s -= l[i][j] * y[j];
                }
                y[i] = s / l[i][i];
            }
            for (int i = k - 1; i >= 0; i--) {
                double s = y[i];
                for (int j = i + 1; j < k; j++) {
                    s -= l[j][i] * solution[j][d];
                }
                solution[i][d] = s / l[i][i];
            }
        }
        return solution;
    }

    private static double[][] cholesky(double[][] a) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = a[i][j];
                for (int t = 0; t < j; t++) {
                    s -= l[i][t] * l[j][t];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("component " + i + " has no variance: the first block's "
                                + "activations vary in fewer than " + n + " directions (a dead or constant model?)");
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        return l;
    }

    private static float[] unitWithPositiveLead(double[] v) {
        double norm = Math.sqrt(PrincipalComponents.dot(v, v));
        if (!(norm > 0) || !Double.isFinite(norm)) {
            throw new IllegalStateException("a direction regressed to length " + norm);
        }
        int lead = 0;
        for (int i = 1; i < v.length; i++) {
            if (Math.abs(v[i]) > Math.abs(v[lead])) {
                lead = i;
            }
        }
        double scale = (v[lead] < 0 ? -1 : 1) / norm;
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] * scale);
        }
        return u;
    }

    private static double projectionStd(float[] z, int samples, int nz, float[] u) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < samples; i++) {
            double p = Vectors.dot(Vectors.row(z, nz, i), u);
            sum += p;
            sumSq += p * p;
        }
        double mean = sum / samples;
        return Math.sqrt(Math.max(0, (sumSq - samples * mean * mean) / (samples - 1)));
    }

    /** The directions as rows of one {@code (count, nz)} array. */
    public float[] packed() {
        return Vectors.pack(directions.stream().map(Direction::vector).toList(), directions.get(0).vector().length);
    }
}

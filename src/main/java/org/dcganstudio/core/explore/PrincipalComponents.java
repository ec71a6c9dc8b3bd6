package org.dcganstudio.core.explore;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.dcganstudio.core.math.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.eig.SymmetricQRAlgorithmDecomposition_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;

/**
 * The leading principal components of the rows of a tall data matrix, by restarted block Krylov
 * iteration with Rayleigh–Ritz (Musco &amp; Musco, 2015). The covariance of G's first-block
 * activations is 8,192 × 8,192 for the paper model and the N × N Gram matrix still thousands wide,
 * but the top K components only need products of the centred data with blocks of a few dozen
 * vectors: two matrix products per step on the engine, the rest small dense maths in Java.
 *
 * <p>Plain subspace iteration converges as (λ<sub>b+1</sub>/λ<sub>k</sub>)<sup>t</sup>, which on
 * an untrained generator's nearly flat spectrum took 80+ iterations; keeping every block of the
 * Krylov space and solving the Rayleigh–Ritz problem over all of them converges in a few restarts.
 *
 * @param components unit vectors, {@code components[k]} of length {@code features}, by decreasing
 *     variance
 * @param variances the variance of the data along each component (sample variance, N − 1)
 * @param totalVariance the sum of the variances of all features, the denominator of explained
 *     variance ratios
 * @param scores {@code scores[k][i]}: row i's coordinate along component k (centred data)
 * @param products matrix–block products with the data it took, a measure of its cost
 */
public record PrincipalComponents(double[][] components, double[] variances, double totalVariance,
        double[][] scores, int products) {

    /** Stops when every wanted Ritz pair's residual ‖Cv − λv‖ is below this fraction of λ. */
    static final double TOLERANCE = 1e-3;

    /** Krylov steps between restarts: the Rayleigh–Ritz problem is {@code (STEPS + 1)·block} wide. */
    static final int STEPS = 8;

    static final int MAX_RESTARTS = 30;

    /** Random stream of the starting block. */
    private static final long START_STREAM = 71;

    /**
     * Computes the top {@code count} components.
     *
     * @param data {@code (N, F)} float32, rows are samples; not changed
     * @param count how many components, at most {@code min(N − 1, F)}
     * @param seed fixes the starting block, and with it the result
     */
    public static PrincipalComponents of(NDArray data, int count, long seed) {
        Shape s = data.getShape();
        if (s.dimension() != 2) {
            throw new IllegalArgumentException("PCA needs a (samples, features) matrix, got " + s);
        }
        int n = Math.toIntExact(s.get(0));
        int f = Math.toIntExact(s.get(1));
        int rank = Math.min(n - 1, f);
        if (count < 1 || count > rank) {
            throw new IllegalArgumentException("cannot take " + count + " components of " + n + " samples with " + f
                    + " features: at most " + rank);
        }
        int block = Math.min(rank, count + Math.max(8, count / 2));
        int steps = Math.max(0, Math.min(STEPS, rank / block - 1));
        try (NDManager m = data.getManager().newSubManager()) {
            NDArray mean = data.mean(new int[] {0}, true);
            mean.attach(m);
            NDArray centred = data.sub(mean);
            centred.attach(m);
            NDArray centredT = centred.transpose();
            double total = centred.square().sum().getFloat() / (n - 1.0);

            Rng rng = Rng.derive(seed, START_STREAM, 0);
            List<double[]> start = new ArrayList<>();
            for (int i = 0; i < block; i++) {
                double[] v = new double[f];
                for (int t = 0; t < f; t++) {
                    v[t] = rng.nextGaussian();
                }
                start.add(v);
            }
            int products = 0;
            for (int restart = 0; ; restart++) {
                List<double[]> basis = new ArrayList<>();
                List<double[]> images = new ArrayList<>();
                List<double[]> current = start;
                for (int step = 0; ; step++) {
                    orthogonalise(current, basis, rng);
                    basis.addAll(current);
                    double[][] b = columns(product(centred, current, f, m), n, current.size());
                    products++;
                    images.addAll(List.of(b));
                    if (step == steps) {
                        break;
                    }
                    current = List.of(columns(product(centredT, List.of(b), n, m), f, b.length));
                    products++;
                }
                int width = basis.size();
                double[][] h = new double[width][width];
                for (int i = 0; i < width; i++) {
                    for (int j = 0; j <= i; j++) {
                        double d = dot(images.get(i), images.get(j));
                        h[i][j] = d;
                        h[j][i] = d;
                    }
                }
                Eigenpairs eigen = Eigenpairs.of(h);
                double[][] vectors = combine(basis, eigen.vectors(), block);
                double[][] scores = combine(images, eigen.vectors(), count);
                double[][] applied = columns(product(centredT, List.of(scores), n, m), f, count);
                products++;
                double worst = 0;
                for (int k = 0; k < count; k++) {
                    double lambda = eigen.values()[k];
                    double residual = 0;
                    for (int t = 0; t < f; t++) {
                        double r = applied[k][t] - lambda * vectors[k][t];
                        residual += r * r;
                    }
                    worst = Math.max(worst, lambda > 0 ? Math.sqrt(residual) / lambda : 0);
                }
                if (worst < TOLERANCE || restart == MAX_RESTARTS) {
                    if (worst >= TOLERANCE) {
                        throw new IllegalStateException("PCA did not converge: residual " + worst + " after "
                                + products + " products");
                    }
                    double[] variances = new double[count];
                    double[][] components = new double[count][];
                    for (int k = 0; k < count; k++) {
                        variances[k] = eigen.values()[k] / (n - 1);
                        components[k] = vectors[k];
                    }
                    return new PrincipalComponents(components, variances, total, scores, products);
                }
                start = new ArrayList<>(List.of(vectors));
            }
        }
    }

    /**
     * The eigenvalues and eigenvectors of a symmetric matrix (the Rayleigh–Ritz problem), by EJML's
     * symmetric QR algorithm.
     *
     * @param values eigenvalues, largest first
     * @param vectors {@code vectors[k]} is the unit eigenvector of {@code values[k]}
     */
    record Eigenpairs(double[] values, double[][] vectors) {

        /**
         * QR steps allowed per eigenvalue. EJML's default, 225, gives up on graded spectra whose
         * smallest eigenvalues lie far below rounding, which the Gram matrix of nearly dependent
         * Krylov images can have: in tests, such matrices of the widths used here (up to 1350)
         * needed several hundred steps, up to a thousand. The bound only stops a loop that would
         * never end.
         */
        static final int MAX_QR_STEPS = 20_000;

        /**
         * Decomposes {@code a}, which is not changed.
         *
         * @param a a square symmetric matrix, row-major
         * @throws IllegalArgumentException if {@code a} holds NaN or infinite values
         */
        static Eigenpairs of(double[][] a) {
            int n = a.length;
            for (double[] row : a) {
                for (double x : row) {
                    if (!Double.isFinite(x)) {
                        throw new IllegalArgumentException("the " + n + "×" + n + " Rayleigh–Ritz matrix of the PCA"
                                + " holds NaN or infinite values: so does the data, or its products overflow float32");
                    }
                }
            }
            SymmetricQRAlgorithmDecomposition_DDRM eig =
                    new SymmetricQRAlgorithmDecomposition_DDRM(DecompositionFactory_DDRM.tridiagonal(n), true);
            eig.setMaxIterations(MAX_QR_STEPS);
            if (!eig.decompose(new DMatrixRMaj(a))) {
                throw new IllegalStateException("the eigen decomposition of the " + n + "×" + n
                        + " Rayleigh–Ritz matrix did not converge in " + MAX_QR_STEPS + " QR steps per eigenvalue");
            }
            double[] unordered = new double[n];
            for (int k = 0; k < n; k++) {
                unordered[k] = eig.getEigenvalue(k).real;
            }
            int[] order = IntStream.range(0, n).boxed().sorted((x, y) -> Double.compare(unordered[y], unordered[x]))
                    .mapToInt(Integer::intValue).toArray();
            double[] values = new double[n];
            double[][] vectors = new double[n][];
            for (int k = 0; k < n; k++) {
                values[k] = unordered[order[k]];
                vectors[k] = Arrays.copyOf(eig.getEigenVector(order[k]).getData(), n);
            }
            return new Eigenpairs(values, vectors);
        }
    }

    /** Share of the total variance along component k. */
    public double explainedVarianceRatio(int k) {
        return totalVariance > 0 ? variances[k] / totalVariance : 0;
    }

    /** {@code matrix · [v_1 … v_c]} on the engine, row-major {@code (rows, c)} back in Java. */
    private static float[] product(NDArray matrix, List<double[]> vectors, int length, NDManager m) {
        float[] packed = new float[length * vectors.size()];
        for (int c = 0; c < vectors.size(); c++) {
            double[] v = vectors.get(c);
            for (int i = 0; i < length; i++) {
                packed[i * vectors.size() + c] = (float) v[i];
            }
        }
        try (NDManager step = m.newSubManager()) {
            NDArray right = step.create(packed, new Shape(length, vectors.size()));
            NDArray out = matrix.matMul(right);
            out.attach(step);
            return out.toFloatArray();
        }
    }

    /** The columns of a row-major {@code (rows, cols)} matrix, in double. */
    private static double[][] columns(float[] values, int rows, int cols) {
        double[][] out = new double[cols][rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c][r] = values[r * cols + c];
            }
        }
        return out;
    }

    /** {@code out[k] = Σ_j coefficients[k][j] · vectors[j]} for the first {@code count} rows. */
    private static double[][] combine(List<double[]> vectors, double[][] coefficients, int count) {
        int len = vectors.get(0).length;
        double[][] out = new double[count][len];
        for (int k = 0; k < count; k++) {
            double[] dst = out[k];
            for (int j = 0; j < vectors.size(); j++) {
                double c = coefficients[k][j];
                double[] src = vectors.get(j);
                for (int i = 0; i < len; i++) {
                    dst[i] += c * src[i];
                }
            }
        }
        return out;
    }

    /**
     * Makes {@code block} orthonormal and orthogonal to {@code basis} (already orthonormal), by
     * Gram–Schmidt twice: once is not enough when the block is nearly in the basis's span, as Krylov
     * blocks become. A vector with nothing left (data of lower rank than the space) is replaced by
     * a random one, which keeps the block's width.
     */
    private static void orthogonalise(List<double[]> block, List<double[]> basis, Rng rng) {
        List<double[]> done = new ArrayList<>(basis);
        for (double[] v : block) {
            double before = Math.sqrt(dot(v, v));
            for (int attempt = 0; ; attempt++) {
                for (int pass = 0; pass < 2; pass++) {
                    for (double[] u : done) {
                        double d = dot(v, u);
                        for (int t = 0; t < v.length; t++) {
                            v[t] -= d * u[t];
                        }
                    }
                }
                double norm = Math.sqrt(dot(v, v));
                if (norm > 1e-10 * before && norm > 0) {
                    for (int t = 0; t < v.length; t++) {
                        v[t] /= norm;
                    }
                    break;
                }
                if (attempt == 10) {
                    throw new IllegalStateException("cannot extend a basis of " + done.size() + " vectors in "
                            + v.length + " dimensions");
                }
                for (int t = 0; t < v.length; t++) {
                    v[t] = rng.nextGaussian();
                }
                before = Math.sqrt(dot(v, v));
            }
            done.add(v);
        }
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}

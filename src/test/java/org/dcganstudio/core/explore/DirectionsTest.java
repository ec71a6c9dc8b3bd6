package org.dcganstudio.core.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.LatentPrior;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.model.StateEntry;
import org.junit.jupiter.api.Test;

class DirectionsTest {

    private static final ModelConfig TINY = new ModelConfig(32, 3, 8, 4, 4, LatentPrior.NORMAL);

    /** A unit vector of nz 8 that is no coordinate axis. */
    private static float[] plantedDirection() {
        float[] u = {0.1f, -0.5f, 0.3f, 0.6f, -0.2f, 0.4f, 0.1f, -0.3f};
        double n = Vectors.norm(u);
        for (int i = 0; i < u.length; i++) {
            u[i] /= (float) n;
        }
        return u;
    }

    /**
     * First layer weight {@code W[i, f] = u_i·a_f + 0.05·R[i, f]}: the first block's activations are
     * ReLU(z·u · a + small), so nearly all their variance is a function of z·u.
     */
    private static void plant(Generator g, float[] u) {
        StateEntry w = g.stateEntries().stream().filter(e -> e.key().equals("main.0.weight")).findFirst().orElseThrow();
        Shape s = w.array().getShape();
        int features = Math.toIntExact(s.size() / s.get(0));
        float[] a = new float[features];
        new Rng(5).fillGaussian(a, 0, 1);
        float[] noise = new float[Math.toIntExact(s.size())];
        new Rng(6).fillGaussian(noise, 0, 0.05);
        float[] values = new float[noise.length];
        for (int i = 0; i < u.length; i++) {
            for (int f = 0; f < features; f++) {
                values[i * features + f] = u[i] * a[f] + noise[i * features + f];
            }
        }
        w.array().set(values);
        g.invalidateCaches();
    }

    @Test
    void thePlantedDirectionComesFirst() {
        float[] u = plantedDirection();
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, 3)) {
            plant(g, u);
            LatentDirections found = LatentDirections.discover(g, 4, 2000, 7);
            List<LatentDirections.Direction> d = found.directions();
            assertEquals(4, d.size());
            double cos = Vectors.dot(d.get(0).vector(), u);
            assertTrue(Math.abs(cos) > 0.99, "first direction against the planted one: cos " + cos);
            for (int k = 0; k < d.size(); k++) {
                assertEquals(1.0, Vectors.norm(d.get(k).vector()), 1e-5, "unit length");
                double ratio = d.get(k).explainedVarianceRatio();
                assertTrue(ratio > 0 && ratio <= 1, "ratio " + ratio);
                if (k > 0) {
                    assertTrue(ratio <= d.get(k - 1).explainedVarianceRatio(), "ordered by explained variance");
                    assertTrue(Math.abs(Vectors.dot(d.get(k).vector(), u)) < 0.5,
                            "later directions are not the planted one again");
                }
                assertEquals(1.0, d.get(k).latentStd(), 0.1, "projections of N(0, I) latents have std ≈ 1");
            }
            // ReLU(s·a) is s⁺·a⁺ + s⁻·a⁻: two activation directions, the larger one found first
            assertTrue(d.get(0).explainedVarianceRatio() > 0.5, "the planted direction dominates: "
                    + d.get(0).explainedVarianceRatio());

            LatentDirections again = LatentDirections.discover(g, 4, 2000, 7);
            for (int k = 0; k < 4; k++) {
                assertArrayEquals(d.get(k).vector(), again.directions().get(k).vector(), 0f, "deterministic");
            }
        }
    }

    @Test
    void withoutAPlantedDirectionTheFirstIsSomethingElse() {
        // the same check on an unplanted model fails, so the first test is not passing by accident
        float[] u = plantedDirection();
        try (NDManager m = NDManager.newBaseManager(Device.cpu()); Generator g = new Generator(TINY, m, 3)) {
            LatentDirections found = LatentDirections.discover(g, 2, 1000, 7);
            assertTrue(Math.abs(Vectors.dot(found.directions().get(0).vector(), u)) < 0.9);
            assertThrows(IllegalArgumentException.class, () -> LatentDirections.discover(g, 9, 1000, 7),
                    "more directions than nz");
        }
    }

    @Test
    void subspaceIterationMatchesAFullEigenDecomposition() {
        int n = 400;
        int f = 30;
        // features with decaying, distinct scales, mixed by a random rotation
        float[] data = new float[n * f];
        Rng rng = new Rng(11);
        double[][] mix = new double[f][f];
        for (double[] row : mix) {
            for (int j = 0; j < f; j++) {
                row[j] = rng.nextGaussian();
            }
        }
        for (int i = 0; i < n; i++) {
            double[] latent = new double[f];
            for (int j = 0; j < f; j++) {
                latent[j] = rng.nextGaussian() * Math.pow(0.8, j) + 3;
            }
            for (int j = 0; j < f; j++) {
                double s = 0;
                for (int t = 0; t < f; t++) {
                    s += mix[j][t] * latent[t];
                }
                data[i * f + j] = (float) s;
            }
        }
        double[] mean = new double[f];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                mean[j] += data[i * f + j] / n;
            }
        }
        double[][] cov = new double[f][f];
        double trace = 0;
        for (int a = 0; a < f; a++) {
            for (int b = 0; b < f; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += (data[i * f + a] - mean[a]) * (data[i * f + b] - mean[b]);
                }
                cov[a][b] = s / (n - 1);
            }
            trace += cov[a][a];
        }
        PrincipalComponents.Eigenpairs exact = PrincipalComponents.Eigenpairs.of(cov);
        for (int k = 0; k < f; k++) {
            double[] av = new double[f];
            for (int a = 0; a < f; a++) {
                for (int b = 0; b < f; b++) {
                    av[a] += cov[a][b] * exact.vectors()[k][b];
                }
                assertEquals(exact.values()[k] * exact.vectors()[k][a], av[a], 1e-9 * exact.values()[0],
                        "A v = λ v");
            }
        }
        try (NDManager m = NDManager.newBaseManager(Device.cpu())) {
            PrincipalComponents pca = PrincipalComponents.of(m.create(data, new Shape(n, f)), 5, 1);
            assertEquals(trace, pca.totalVariance(), 1e-4 * trace);
            for (int k = 0; k < 5; k++) {
                assertEquals(exact.values()[k], pca.variances()[k], 1e-3 * exact.values()[k], "eigenvalue " + k);
                double cos = PrincipalComponents.dot(exact.vectors()[k], pca.components()[k]);
                assertEquals(1.0, Math.abs(cos), 1e-3, "eigenvector " + k);
                assertEquals(exact.values()[k] / trace, pca.explainedVarianceRatio(k), 1e-3);
            }
        }
    }
}

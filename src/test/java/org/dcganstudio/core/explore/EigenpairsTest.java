package org.dcganstudio.core.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dcganstudio.core.explore.PrincipalComponents.Eigenpairs;
import org.dcganstudio.core.math.Rng;
import org.junit.jupiter.api.Test;

class EigenpairsTest {

    /**
     * The Gram matrix of 400 random vectors scaled by 0.8^i: eigenvalues from about 1 down to
     * 1e-78, far below rounding, the case on which EJML's default QR step limit gives up.
     */
    private static double[][] gradedGram(int n) {
        int length = n + 50;
        Rng rng = new Rng(3);
        double[][] rows = new double[n][length];
        for (int i = 0; i < n; i++) {
            double scale = Math.pow(0.8, i);
            for (int t = 0; t < length; t++) {
                rows[i][t] = rng.nextGaussian() * scale;
            }
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                h[i][j] = PrincipalComponents.dot(rows[i], rows[j]);
                h[j][i] = h[i][j];
            }
        }
        return h;
    }

    @Test
    void gradedSpectrumComesLargestFirstWithUnitEigenvectors() {
        double[][] h = gradedGram(400);
        Eigenpairs e = Eigenpairs.of(h);
        double top = e.values()[0];
        for (int k = 0; k < h.length; k++) {
            if (k > 0) {
                assertTrue(e.values()[k] <= e.values()[k - 1], "largest first, at " + k);
            }
            double[] v = e.vectors()[k];
            assertEquals(1.0, Math.sqrt(PrincipalComponents.dot(v, v)), 1e-12, "unit length, at " + k);
            double residual = 0;
            for (int i = 0; i < h.length; i++) {
                double r = PrincipalComponents.dot(h[i], v) - e.values()[k] * v[i];
                residual += r * r;
            }
            assertTrue(Math.sqrt(residual) < 1e-12 * top, "A v = λ v at " + k + ": residual " + Math.sqrt(residual));
        }
        double bottom = e.values()[h.length - 1];
        assertTrue(Math.abs(bottom) < 1e-12 * top, "the spectrum reaches rounding: " + bottom + " vs " + top);
    }

    @Test
    void nonFiniteMatrixIsRefusedWithItsSize() {
        double[][] h = {{1, 0}, {0, Double.NaN}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Eigenpairs.of(h));
        assertTrue(e.getMessage().startsWith("the 2×2 Rayleigh–Ritz matrix of the PCA holds NaN or infinite"),
                e.getMessage());
    }
}

package org.dcganstudio.core.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dcganstudio.core.math.Rng;
import org.junit.jupiter.api.Test;

class LatentMathTest {

    private static float[] gaussian(long seed, int n) {
        float[] v = new float[n];
        new Rng(seed).fillGaussian(v, 0, 1);
        return v;
    }

    @Test
    void pathEndpointsAreExactInBothModes() {
        float[] a = gaussian(1, 100);
        float[] b = gaussian(2, 100);
        float[] c = gaussian(3, 100);
        for (Interpolation mode : Interpolation.values()) {
            float[][] frames = mode.path(List.of(a, b, c), 9);
            assertArrayEquals(a, frames[0], 0f);
            assertArrayEquals(b, frames[4], 0f, "the middle anchor is a frame when frames = 2k+1");
            assertArrayEquals(c, frames[8], 0f);
        }
    }

    @Test
    void slerpKeepsTheNormOfEqualNormEndpointsAndLerpDoesNot() {
        float[] a = gaussian(4, 100);
        float[] b = gaussian(5, 100);
        float[] bScaled = Vectors.addScaled(new float[100], b, Vectors.norm(a) / Vectors.norm(b));
        double norm = Vectors.norm(a);
        for (double t = 0.1; t < 1; t += 0.1) {
            assertEquals(norm, Vectors.norm(Interpolation.SLERP.at(a, bScaled, t)), 1e-4 * norm);
        }
        assertTrue(Vectors.norm(Interpolation.LERP.at(a, bScaled, 0.5)) < 0.8 * norm,
                "two random 100-d vectors are near-orthogonal, so their midpoint is ~0.71 as long");
    }

    @Test
    void slerpOfParallelVectorsIsLerp() {
        float[] a = gaussian(6, 50);
        float[] b = Vectors.addScaled(new float[50], a, 3);
        for (double t : new double[] {0.25, 0.5, 0.9}) {
            assertArrayEquals(Interpolation.LERP.at(a, b, t), Interpolation.SLERP.at(a, b, t), 1e-5f);
        }
    }

    @Test
    void slerpFollowsTheArcOfAQuarterCircle() {
        float[] x = {1, 0};
        float[] y = {0, 1};
        float[] mid = Interpolation.SLERP.at(x, y, 0.5);
        assertArrayEquals(new float[] {(float) Math.sqrt(0.5), (float) Math.sqrt(0.5)}, mid, 1e-6f);
        float[] third = Interpolation.SLERP.at(x, y, 1.0 / 3);
        assertArrayEquals(new float[] {(float) Math.cos(Math.PI / 6), (float) Math.sin(Math.PI / 6)}, third, 1e-6f);
    }

    @Test
    void badPathsAndModesAreRefused() {
        float[] a = {1, 2};
        assertThrows(IllegalArgumentException.class, () -> Interpolation.LERP.path(List.of(a), 5));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.LERP.path(List.of(a, a), 1));
        assertThrows(IllegalArgumentException.class, () -> Interpolation.LERP.at(a, new float[3], 0.5));
        assertEquals(Interpolation.SLERP, Interpolation.parse("Slerp"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interpolation.parse("cubic"));
        assertTrue(e.getMessage().contains("cubic"));
    }

    @Test
    void arithmeticAveragesGroupsThenAddsAndSubtracts() {
        List<float[]> a = List.of(new float[] {1, 0}, new float[] {3, 0}, new float[] {2, 3});
        List<float[]> b = List.of(new float[] {0, 1}, new float[] {0, 3});
        List<float[]> c = List.of(new float[] {10, 10});
        float[] r = VectorArithmetic.result(List.of(VectorArithmetic.Term.plus(a), VectorArithmetic.Term.minus(b),
                VectorArithmetic.Term.plus(c)));
        assertArrayEquals(new float[] {2 - 0 + 10, 1 - 2 + 10}, r, 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> VectorArithmetic.Term.plus(List.of()));
    }

    @Test
    void neighbourhoodKeepsTheResultFirstAndStaysWithinTheNoise() {
        float[] r = gaussian(7, 100);
        List<float[]> grid = VectorArithmetic.neighbourhood(r, 0.25, new Rng(9));
        assertEquals(9, grid.size());
        assertArrayEquals(r, grid.get(0), 0f);
        double maxDiff = 0;
        for (int i = 1; i < 9; i++) {
            for (int d = 0; d < 100; d++) {
                double diff = Math.abs(grid.get(i)[d] - r[d]);
                assertTrue(diff <= 0.25 + 1e-6);
                maxDiff = Math.max(maxDiff, diff);
            }
        }
        assertTrue(maxDiff > 0.2, "800 uniform draws in [-0.25, 0.25] reach past 0.2");
        assertArrayEquals(grid.get(3), VectorArithmetic.neighbourhood(r, 0.25, new Rng(9)).get(3), 0f, "seeded");
    }
}

package org.dcganstudio.core.latent;

import java.util.List;

/** The few vector operations latent maths needs, in double precision where sums are long. */
public final class Vectors {

    private Vectors() {}

    /** Euclidean dot product. */
    public static double dot(float[] a, float[] b) {
        requireSameLength(a, b);
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /** Euclidean norm. */
    public static double norm(float[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** {@code a + scale·b} as a new vector. */
    public static float[] addScaled(float[] a, float[] b, double scale) {
        requireSameLength(a, b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (a[i] + scale * b[i]);
        }
        return out;
    }

    /** The element-wise mean of one or more vectors of one length. */
    public static float[] mean(List<float[]> vectors) {
        if (vectors.isEmpty()) {
            throw new IllegalArgumentException("the mean of no vectors is undefined");
        }
        int n = vectors.get(0).length;
        double[] sum = new double[n];
        for (float[] v : vectors) {
            if (v.length != n) {
                throw new IllegalArgumentException("vectors of lengths " + n + " and " + v.length + " cannot be averaged");
            }
            for (int i = 0; i < n; i++) {
                sum[i] += v[i];
            }
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (sum[i] / vectors.size());
        }
        return out;
    }

    /** Rows of length {@code width} packed into one array, row-major (the engine's (N, nz) layout). */
    public static float[] pack(List<float[]> rows, int width) {
        float[] out = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            if (rows.get(r).length != width) {
                throw new IllegalArgumentException("row " + r + " has " + rows.get(r).length + " values, expected " + width);
            }
            System.arraycopy(rows.get(r), 0, out, r * width, width);
        }
        return out;
    }

    /** Row {@code r} of a row-major array of rows of length {@code width}. */
    public static float[] row(float[] packed, int width, int r) {
        float[] out = new float[width];
        System.arraycopy(packed, r * width, out, 0, width);
        return out;
    }

    /** True when every value is finite. */
    public static boolean allFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of lengths " + a.length + " and " + b.length + " do not match");
        }
    }
}

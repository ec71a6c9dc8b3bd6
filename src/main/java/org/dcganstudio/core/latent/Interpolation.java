package org.dcganstudio.core.latent;

import java.util.List;
import java.util.Locale;

/** How a path moves between two latent vectors. */
public enum Interpolation {
    /** A straight line: {@code (1−t)·a + t·b}. */
    LERP,
    /**
     * A great circle between the directions with the length interpolated linearly (White, 2016,
     * "Sampling generative networks"): under a normal prior, points on a straight line between two
     * samples have a smaller norm than the samples ever do, so their images look washed out.
     */
    SLERP;

    /** Below this angle (radians) slerp is lerp to float precision and its division would not be. */
    private static final double PARALLEL = 1e-4;

    /** The point at {@code t} in [0, 1]; {@code t = 0} returns exactly {@code a}, 1 exactly {@code b}. */
    public float[] at(float[] a, float[] b, double t) {
        Vectors.requireSameLength(a, b);
        if (t <= 0) {
            return a.clone();
        }
        if (t >= 1) {
            return b.clone();
        }
        if (this == LERP) {
            return lerp(a, b, t);
        }
        double na = Vectors.norm(a);
        double nb = Vectors.norm(b);
        if (na == 0 || nb == 0) {
            return lerp(a, b, t);
        }
        double cos = Math.max(-1, Math.min(1, Vectors.dot(a, b) / (na * nb)));
        double omega = Math.acos(cos);
        if (omega < PARALLEL || Math.PI - omega < PARALLEL) {
            // parallel: the arc is the line; antiparallel: no unique great circle, so the line too
            return lerp(a, b, t);
        }
        double sin = Math.sin(omega);
        double wa = Math.sin((1 - t) * omega) / sin / na;
        double wb = Math.sin(t * omega) / sin / nb;
        double length = (1 - t) * na + t * nb;
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (length * (wa * a[i] + wb * b[i]));
        }
        return out;
    }

    /**
     * {@code frames} points evenly spaced in the path's parameter through the anchors in order:
     * frame 0 is exactly the first anchor, the last frame exactly the last one, and with
     * {@code k} segments and {@code frames = m·k + 1} every anchor is a frame.
     */
    public float[][] path(List<float[]> anchors, int frames) {
        if (anchors.size() < 2) {
            throw new IllegalArgumentException("a path needs at least 2 anchors, got " + anchors.size());
        }
        if (frames < 2) {
            throw new IllegalArgumentException("a path needs at least 2 frames, got " + frames);
        }
        int segments = anchors.size() - 1;
        float[][] out = new float[frames][];
        for (int f = 0; f < frames; f++) {
            double u = (double) f * segments / (frames - 1);
            int s = Math.min((int) Math.floor(u), segments - 1);
            out[f] = at(anchors.get(s), anchors.get(s + 1), f == frames - 1 ? 1 : u - s);
        }
        return out;
    }

    /** Parses {@code lerp} or {@code slerp}, naming the bad value otherwise. */
    public static Interpolation parse(String text) {
        for (Interpolation i : values()) {
            if (i.name().equalsIgnoreCase(text.trim())) {
                return i;
            }
        }
        throw new IllegalArgumentException("interpolation mode must be lerp or slerp, got '" + text + "'");
    }

    /** Lower-case name, as the CLI and saved explorations write it. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    private static float[] lerp(float[] a, float[] b, double t) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) ((1 - t) * a[i] + t * b[i]);
        }
        return out;
    }
}

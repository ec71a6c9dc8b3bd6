package org.dcganstudio.core.data;

import org.dcganstudio.core.math.Rng;

/**
 * Procedural images, a pure function of (seed, index): one anti-aliased disc, square or triangle
 * of a random colour on a plain background of another. Drawn straight into the float array, so
 * the set costs no memory and no Java2D. The engine's built-in data set until the datasets issue
 * brings real formats.
 */
public final class SyntheticShapes extends ProceduralImages {

    /** Stream id for {@link Rng#derive}; distinct from the init, noise and shuffle streams. */
    static final long STREAM = 51;

    /**
     * Minimum shape/background difference, in the channels the set actually has, so no shape
     * disappears into its background (grey sets compare luminance, not RGB).
     */
    private static final double MIN_RGB_DISTANCE = 0.5;
    private static final double MIN_LUMA_DISTANCE = 0.3;

    /**
     * @param imageSize side of the square images in pixels
     * @param channels 1 for luminance, 3 for RGB
     * @param size number of images
     * @param seed picks which images the set holds
     */
    public SyntheticShapes(int imageSize, int channels, int size, long seed) {
        super(imageSize, channels, size, seed);
    }

    @Override
    public String name() {
        return "synthetic-shapes";
    }

    @Override
    public void copyImage(int index, float[] dst, int offset) {
        checkIndex(index);
        Rng rng = Rng.derive(seed, STREAM, index);
        double[] bg = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        double[] fg;
        do {
            fg = new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        } while (!distinct(bg, fg));

        int kind = rng.nextInt(3);
        int n = imageSize();
        double width = (0.25 + 0.35 * rng.nextDouble()) * n;
        // The centre may sit a little closer to the border than half the width, so some shapes
        // are clipped: "mostly inside" keeps the data from being only centred, whole shapes.
        double margin = 0.4 * width;
        double cx = margin + (n - 2 * margin) * rng.nextDouble();
        double cy = margin + (n - 2 * margin) * rng.nextDouble();
        double angle = 2 * Math.PI * rng.nextDouble();

        // A regular polygon is the intersection of half-planes, so its signed distance is the
        // largest distance past any edge; sides == 0 is the disc with its own distance.
        int sides = kind == 0 ? 0 : kind == 1 ? 4 : 3;
        double inradius = sides == 3 ? width / (2 * Math.sqrt(3)) : width / 2;
        double circumradius = sides == 0 ? inradius : inradius / Math.cos(Math.PI / sides);
        double[] nx = new double[sides];
        double[] ny = new double[sides];
        for (int k = 0; k < sides; k++) {
            nx[k] = Math.cos(angle + 2 * Math.PI * k / sides);
            ny[k] = Math.sin(angle + 2 * Math.PI * k / sides);
        }

        for (int p = 0; p < n * n; p++) {
            put(dst, offset, p, bg[0], bg[1], bg[2]);
        }
        int x0 = Math.max(0, (int) Math.floor(cx - circumradius - 1));
        int x1 = Math.min(n - 1, (int) Math.ceil(cx + circumradius + 1));
        int y0 = Math.max(0, (int) Math.floor(cy - circumradius - 1));
        int y1 = Math.min(n - 1, (int) Math.ceil(cy + circumradius + 1));
        for (int y = y0; y <= y1; y++) {
            double py = y + 0.5 - cy;
            for (int x = x0; x <= x1; x++) {
                double px = x + 0.5 - cx;
                double distance;
                if (sides == 0) {
                    distance = Math.sqrt(px * px + py * py) - inradius;
                } else {
                    distance = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < sides; k++) {
                        distance = Math.max(distance, px * nx[k] + py * ny[k]);
                    }
                    distance -= inradius;
                }
                // Coverage from a one-pixel ramp across the edge: analytic anti-aliasing that costs
                // one distance per pixel instead of 16 supersamples, and is exact for straight
                // axis-aligned edges.
                double a = Math.min(1.0, Math.max(0.0, 0.5 - distance));
                if (a > 0) {
                    put(dst, offset, y * n + x, bg[0] + a * (fg[0] - bg[0]), bg[1] + a * (fg[1] - bg[1]),
                            bg[2] + a * (fg[2] - bg[2]));
                }
            }
        }
    }

    private boolean distinct(double[] bg, double[] fg) {
        if (channels() == 1) {
            return Math.abs(luminance(bg[0], bg[1], bg[2]) - luminance(fg[0], fg[1], fg[2])) >= MIN_LUMA_DISTANCE;
        }
        double dr = bg[0] - fg[0];
        double dg = bg[1] - fg[1];
        double db = bg[2] - fg[2];
        return Math.sqrt(dr * dr + dg * dg + db * db) >= MIN_RGB_DISTANCE;
    }
}

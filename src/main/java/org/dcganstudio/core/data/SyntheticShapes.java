package org.dcganstudio.core.data;

import org.dcganstudio.core.math.Rng;

/**
 * Procedural images, a pure function of (seed, index): one anti-aliased disc, square or triangle
 * of a random colour on a plain background of another. The engine's built-in data set until the
 * datasets issue brings real formats and the synthetic faces.
 */
public final class SyntheticShapes extends ProceduralImages {

    static final long STREAM = 51;
    private static final int SUPERSAMPLE = 4;

    /** Creates the data set; images are generated on demand, nothing is held in memory. */
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
        double[] fg = new double[3];
        do {
            fg = new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        } while (Math.abs(fg[0] - bg[0]) + Math.abs(fg[1] - bg[1]) + Math.abs(fg[2] - bg[2]) < 0.6);
        int kind = rng.nextInt(3);
        double radius = 0.125 + 0.175 * rng.nextDouble(); // half of 25–60% of the side
        double cx = radius + (1 - 2 * radius) * rng.nextDouble();
        double cy = radius + (1 - 2 * radius) * rng.nextDouble();
        int s = imageSize();
        double step = 1.0 / (s * SUPERSAMPLE);
        for (int y = 0; y < s; y++) {
            for (int x = 0; x < s; x++) {
                int inside = 0;
                for (int sy = 0; sy < SUPERSAMPLE; sy++) {
                    for (int sx = 0; sx < SUPERSAMPLE; sx++) {
                        double px = (x * SUPERSAMPLE + sx + 0.5) * step - cx;
                        double py = (y * SUPERSAMPLE + sy + 0.5) * step - cy;
                        if (contains(kind, px, py, radius)) {
                            inside++;
                        }
                    }
                }
                double a = inside / (double) (SUPERSAMPLE * SUPERSAMPLE);
                put(dst, offset, y * s + x, bg[0] + a * (fg[0] - bg[0]), bg[1] + a * (fg[1] - bg[1]),
                        bg[2] + a * (fg[2] - bg[2]));
            }
        }
    }

    private static boolean contains(int kind, double x, double y, double r) {
        return switch (kind) {
            case 0 -> x * x + y * y <= r * r;
            case 1 -> Math.abs(x) <= r * 0.8 && Math.abs(y) <= r * 0.8;
            default -> y <= r * 0.8 && y >= -r + 2 * Math.abs(x); // apex up
        };
    }
}

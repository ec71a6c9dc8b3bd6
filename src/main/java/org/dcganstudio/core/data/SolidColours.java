package org.dcganstudio.core.data;

import org.dcganstudio.core.math.Rng;

/**
 * Flat images of a few colours: the simplest data a GAN can learn, used to prove training works
 * (generated colours must move toward the palette).
 */
public final class SolidColours extends ProceduralImages {

    /** Red, green, blue and yellow, in [0, 1]. */
    public static final float[][] DEFAULT_PALETTE = {{0.9f, 0.1f, 0.1f}, {0.1f, 0.8f, 0.2f}, {0.1f, 0.2f, 0.9f},
        {0.95f, 0.85f, 0.1f}};

    static final long STREAM = 52;
    private final float[][] palette;

    /** Creates the data set over a palette of RGB colours in [0, 1]. */
    public SolidColours(int imageSize, int channels, int size, long seed, float[][] paletteRgb01) {
        super(imageSize, channels, size, seed);
        if (paletteRgb01.length == 0) {
            throw new IllegalArgumentException("palette must hold at least one colour");
        }
        palette = paletteRgb01.clone();
    }

    @Override
    public String name() {
        return "solid-colours";
    }

    @Override
    public void copyImage(int index, float[] dst, int offset) {
        checkIndex(index);
        float[] c = palette[Rng.derive(seed, STREAM, index).nextInt(palette.length)];
        int pixels = imageSize() * imageSize();
        for (int p = 0; p < pixels; p++) {
            put(dst, offset, p, c[0], c[1], c[2]);
        }
    }
}

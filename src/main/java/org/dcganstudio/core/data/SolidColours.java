package org.dcganstudio.core.data;

import java.util.Arrays;
import org.dcganstudio.core.math.Rng;

/**
 * Flat images of a few colours: the simplest data a GAN can learn, used to prove training works
 * (generated colours must move toward the palette).
 */
public final class SolidColours extends ProceduralImages {

    /**
     * Red, green, blue and yellow: far apart in RGB and with four clearly different luminances,
     * so they stay distinguishable in 1-channel sets too. Kept inside (0, 1) because a Tanh
     * generator only reaches ±1 asymptotically, which would slow the learning test.
     */
    public static final float[][] DEFAULT_PALETTE = {
        {0.9f, 0.1f, 0.1f},
        {0.1f, 0.8f, 0.2f},
        {0.1f, 0.2f, 0.9f},
        {0.95f, 0.85f, 0.1f},
    };

    /** Stream id for {@link Rng#derive}; distinct from the shapes, init, noise and shuffle streams. */
    static final long STREAM = 52;

    private final float[][] palette;

    /**
     * @param imageSize side of the square images in pixels
     * @param channels 1 for luminance, 3 for RGB
     * @param size number of images
     * @param seed picks each image's colour
     * @param paletteRgb01 the colours, each {r, g, b} in [0, 1]; copied, so later edits to it do not
     *     change the data
     */
    public SolidColours(int imageSize, int channels, int size, long seed, float[][] paletteRgb01) {
        super(imageSize, channels, size, seed);
        if (paletteRgb01 == null || paletteRgb01.length == 0) {
            throw new IllegalArgumentException("palette must hold at least one colour");
        }
        palette = new float[paletteRgb01.length][];
        for (int i = 0; i < paletteRgb01.length; i++) {
            float[] rgb = paletteRgb01[i];
            if (rgb == null || rgb.length != 3) {
                throw new IllegalArgumentException("palette colour " + i + " must be {r, g, b}, got "
                        + Arrays.toString(rgb));
            }
            for (float v : rgb) {
                if (!(v >= 0f && v <= 1f)) {
                    throw new IllegalArgumentException("palette colour " + i + " must lie in [0, 1], got "
                            + Arrays.toString(rgb));
                }
            }
            palette[i] = rgb.clone();
        }
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

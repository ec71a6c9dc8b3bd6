package org.dcganstudio.app;

/**
 * An image as the views draw it: packed opaque 0xAARRGGBB pixels, row-major. The array is shared
 * with the renderer's result and never written.
 */
public record Pixels(int width, int height, int[] argb) {

    public Pixels {
        if (argb.length != width * height) {
            throw new IllegalArgumentException(width + "×" + height + " pixels need " + width * height + " values, got "
                    + argb.length);
        }
    }

    /** A square image of side {@code size}. */
    public static Pixels square(int size, int[] argb) {
        return new Pixels(size, size, argb);
    }
}

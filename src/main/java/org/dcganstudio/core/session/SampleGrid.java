package org.dcganstudio.core.session;

/**
 * A sample grid as ready-to-show pixels: what the UI draws without touching the engine. The array
 * is never written after the grid is published.
 *
 * @param step the training step the grid shows
 * @param width pixels per row
 * @param height rows
 * @param argb width·height packed 0xAARRGGBB pixels, row-major
 * @param columns images per row of the grid
 * @param tile side of one image in pixels
 * @param padding pixels around and between images
 */
public record SampleGrid(long step, int width, int height, int[] argb, int columns, int tile, int padding) {

    public SampleGrid {
        if (argb.length != width * height) {
            throw new IllegalArgumentException("grid of " + width + "×" + height + " needs " + width * height
                    + " pixels, got " + argb.length);
        }
    }

    /** The index of the image under pixel (x, y), or -1 on the padding or outside. */
    public int imageAt(double x, double y) {
        int cell = tile + padding;
        int cx = (int) Math.floor((x - padding) / cell);
        int cy = (int) Math.floor((y - padding) / cell);
        if (x < padding || y < padding || cx >= columns || (x - padding) - cx * cell >= tile
                || (y - padding) - cy * cell >= tile) {
            return -1;
        }
        int rows = (height - padding) / cell;
        return cy < rows ? cy * columns + cx : -1;
    }
}

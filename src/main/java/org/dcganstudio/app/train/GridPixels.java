package org.dcganstudio.app.train;

import org.dcganstudio.core.session.SampleGrid;

/**
 * A grid of images as the view draws it: packed ARGB pixels, and hit testing for clicks. The pixel
 * array is shared with the session's snapshot and never written.
 */
public final class GridPixels {

    private final SampleGrid grid;

    private GridPixels(SampleGrid grid) {
        this.grid = grid;
    }

    /** The view of a session grid, or null. */
    static GridPixels of(SampleGrid g) {
        return g == null ? null : new GridPixels(g);
    }

    /** The training step it shows (0 for a data-set preview). */
    public long step() {
        return grid.step();
    }

    /** Pixels per row. */
    public int width() {
        return grid.width();
    }

    /** Rows. */
    public int height() {
        return grid.height();
    }

    /** Packed 0xAARRGGBB pixels, row-major; do not write. */
    public int[] argb() {
        return grid.argb();
    }

    /** Side of one image in pixels. */
    int tile() {
        return grid.tile();
    }

    /** Index of the image under pixel (x, y) of the grid, or -1 on padding. */
    public int imageAt(double x, double y) {
        return grid.imageAt(x, y);
    }
}

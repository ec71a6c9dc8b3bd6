package org.dcganstudio.core.session;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.dcganstudio.core.data.folder.ImageDecoding;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.io.RunDirectory;

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

    /**
     * Reads {@code samples/step-NNNNNN.png} of a run directory.
     *
     * @param tile the run's image size
     * @throws IOException naming the file if it is missing or not a PNG
     */
    public static SampleGrid read(Path runDir, long step, int tile) throws IOException {
        Path file = new RunDirectory(runDir).grid(step);
        BufferedImage img = ImageDecoding.readGrid(file);
        int w = img.getWidth();
        int h = img.getHeight();
        int columns = Math.max(1, (w - ImageGrid.PADDING) / (tile + ImageGrid.PADDING));
        return new SampleGrid(step, w, h, img.getRGB(0, 0, w, h, null, 0, w), columns, tile, ImageGrid.PADDING);
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

package org.dcganstudio.core.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Lays NCHW images in [-1, 1] out as one picture, as torchvision's {@code make_grid} does for the
 * reference's sample files: rows of {@code columns} images with a 2-pixel border.
 */
public final class ImageGrid {

    /** Pixels of border around and between tiles; readers of grids (RunSamples) cut along it. */
    public static final int PADDING = 2;
    /** Images per row of the grids the studio lays out itself: 8, as the reference's 8×8 sample grid. */
    public static final int COLUMNS = 8;

    private ImageGrid() {}

    /**
     * Renders a grid.
     *
     * @param images {@code count·channels·size·size} values in [-1, 1]
     * @param columns images per row
     * @param scale integer pixel scale (nearest neighbour)
     * @return an RGB image
     */
    public static BufferedImage render(float[] images, int count, int channels, int size, int columns, int scale) {
        if ((long) count * channels * size * size != images.length) {
            throw new IllegalArgumentException(images.length + " values are not " + count + " images of "
                    + channels + "×" + size + "×" + size);
        }
        int cols = Math.max(1, Math.min(columns, count));
        int rows = (count + cols - 1) / cols;
        int cell = size * scale + PADDING;
        BufferedImage img = new BufferedImage(cols * cell + PADDING, rows * cell + PADDING, BufferedImage.TYPE_INT_RGB);
        int plane = size * size;
        for (int n = 0; n < count; n++) {
            int ox = PADDING + (n % cols) * cell;
            int oy = PADDING + (n / cols) * cell;
            int base = n * channels * plane;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int p = base + y * size + x;
                    int r = toByte(images[p]);
                    int g = channels == 3 ? toByte(images[p + plane]) : r;
                    int b = channels == 3 ? toByte(images[p + 2 * plane]) : r;
                    int rgb = (r << 16) | (g << 8) | b;
                    for (int dy = 0; dy < scale; dy++) {
                        for (int dx = 0; dx < scale; dx++) {
                            img.setRGB(ox + x * scale + dx, oy + y * scale + dy, rgb);
                        }
                    }
                }
            }
        }
        return img;
    }

    /** Renders and writes a PNG atomically. */
    public static void writePng(Path file, float[] images, int count, int channels, int size, int columns)
            throws IOException {
        BufferedImage img = render(images, count, channels, size, columns, 1);
        PngFiles.write(file, img);
    }

    /**
     * One image of an NCHW batch as packed opaque 0xAARRGGBB pixels, row-major, with the same
     * rounding as the grids (grey images repeat their channel).
     */
    public static int[] toArgb(float[] images, int index, int channels, int size) {
        int plane = size * size;
        int base = index * channels * plane;
        if (index < 0 || base + channels * plane > images.length) {
            throw new IllegalArgumentException("image " + index + " of " + channels + "×" + size + "×" + size
                    + " is not inside " + images.length + " values");
        }
        int[] out = new int[plane];
        for (int p = 0; p < plane; p++) {
            int r = toByte(images[base + p]);
            int g = channels == 3 ? toByte(images[base + plane + p]) : r;
            int b = channels == 3 ? toByte(images[base + 2 * plane + p]) : r;
            out[p] = 0xFF000000 | (r << 16) | (g << 8) | b;
        }
        return out;
    }

    private static int toByte(float v) {
        float clamped = Math.max(-1f, Math.min(1f, v));
        return Math.round((clamped + 1f) * 127.5f);
    }
}

package org.dcganstudio.app;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.dcganstudio.core.export.PngFiles;

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

    /** Enlarged {@code scale} times, nearest neighbour (pixels stay sharp). */
    public Pixels scaled(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1, got " + scale);
        }
        if (scale == 1) {
            return this;
        }
        int w = width * scale;
        int[] out = new int[w * height * scale];
        for (int y = 0; y < height * scale; y++) {
            int src = (y / scale) * width;
            for (int x = 0; x < w; x++) {
                out[y * w + x] = argb[src + x / scale];
            }
        }
        return new Pixels(w, height * scale, out);
    }

    /** Writes a PNG enlarged {@code scale} times, atomically (a failed write leaves no file). */
    public void writePng(Path file, int scale) throws IOException {
        Pixels big = scaled(scale);
        BufferedImage out = new BufferedImage(big.width, big.height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, big.width, big.height, big.argb, 0, big.width);
        PngFiles.write(file, out);
    }
}

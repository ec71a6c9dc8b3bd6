package org.dcganstudio.core.data;

/**
 * One decoded image as 8-bit samples, interleaved height·width·channels (as PIL and ImageIO hold
 * them), before any resizing: what every reader produces and the {@link Preprocessor} consumes.
 *
 * @param width pixels per row, at least 1
 * @param height rows, at least 1
 * @param channels 1 (grey) or 3 (RGB)
 * @param pixels height·width·channels samples, row-major, unsigned
 */
public record Raster(int width, int height, int channels, byte[] pixels) {

    public Raster {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("raster must be at least 1×1, got " + width + "×" + height);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("raster channels must be 1 or 3, got " + channels);
        }
        if (pixels.length != (long) width * height * channels) {
            throw new IllegalArgumentException("raster of " + width + "×" + height + "×" + channels + " needs "
                    + (long) width * height * channels + " samples, got " + pixels.length);
        }
    }

    /** The unsigned sample at (x, y, channel). */
    public int sample(int x, int y, int channel) {
        return pixels[(y * width + x) * channels + channel] & 0xFF;
    }
}

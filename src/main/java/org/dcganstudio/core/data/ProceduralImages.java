package org.dcganstudio.core.data;

/** Validation and colour writing shared by the generated data sets. */
abstract class ProceduralImages implements ImageDataset {

    private final int imageSize;
    private final int channels;
    private final int size;
    final long seed;

    ProceduralImages(int imageSize, int channels, int size, long seed) {
        if (imageSize < 8 || imageSize > 512) {
            throw new IllegalArgumentException("image size must be in [8, 512], got " + imageSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (size < 1) {
            throw new IllegalArgumentException("data set size must be at least 1, got " + size);
        }
        this.imageSize = imageSize;
        this.channels = channels;
        this.size = size;
        this.seed = seed;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int channels() {
        return channels;
    }

    @Override
    public int imageSize() {
        return imageSize;
    }

    void checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("image " + index + " of " + name() + " (size " + size + ")");
        }
    }

    /** Writes an RGB value in [0, 1] at a pixel; grey images take its luminance. */
    void put(float[] dst, int offset, int pixel, double r, double g, double b) {
        int plane = imageSize * imageSize;
        if (channels == 1) {
            dst[offset + pixel] = (float) (2 * luminance(r, g, b) - 1);
        } else {
            dst[offset + pixel] = (float) (2 * r - 1);
            dst[offset + plane + pixel] = (float) (2 * g - 1);
            dst[offset + 2 * plane + pixel] = (float) (2 * b - 1);
        }
    }

    /** Rec. 601 luma, the usual weights for turning RGB into one grey channel. */
    static double luminance(double r, double g, double b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }
}

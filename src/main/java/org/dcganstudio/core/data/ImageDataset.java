package org.dcganstudio.core.data;

/**
 * A data set of square images, read by index. Implementations are safe for concurrent
 * {@link #copyImage} calls: the prefetch thread and tests read them at once.
 */
public interface ImageDataset {

    /** A short name, e.g. {@code synthetic-shapes}. */
    String name();

    /** Number of images. */
    int size();

    /** 1 or 3. */
    int channels();

    /** Square side in pixels. */
    int imageSize();

    /** Writes image {@code index} as channels·size·size floats in [-1, 1], NCHW, at {@code dst[offset..]}. */
    void copyImage(int index, float[] dst, int offset);

    /** Class labels and attributes per image, {@link ImageAnnotations#NONE} when there are none. */
    default ImageAnnotations annotations() {
        return ImageAnnotations.NONE;
    }
}

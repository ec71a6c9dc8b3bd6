package org.dcganstudio.core.data;

/**
 * Images of any size, read by index, with whatever labels their source carries: what a file
 * format reader or generator offers before {@link Preprocessor} brings the images to the model's
 * size and channels. Implementations allow concurrent {@link #read} calls (prefetch workers).
 */
public interface RasterSource {

    /** Short description for messages and the studio, e.g. {@code fashion-mnist (train)}. */
    String name();

    /** Number of images. */
    int size();

    /**
     * Decodes image {@code index}.
     *
     * @throws DataException if the image cannot be read; the message names the file
     */
    Raster read(int index);

    /** Class labels and attributes, {@link ImageAnnotations#NONE} when the source has none. */
    default ImageAnnotations annotations() {
        return ImageAnnotations.NONE;
    }

    /**
     * True when {@link #read} is a cheap copy from memory (idx, CIFAR): caching its preprocessed
     * output then only pays off when preprocessing itself is costly.
     */
    default boolean inMemory() {
        return false;
    }
}

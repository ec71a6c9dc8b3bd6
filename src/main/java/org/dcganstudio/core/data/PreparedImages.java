package org.dcganstudio.core.data;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * A {@link RasterSource} as the network sees it: each image resized, cropped and converted by a
 * {@link Preprocessor}, kept after its first use in one compact 8-bit array when the whole set
 * fits the cache budget, so later epochs neither decode nor resample again. Sources already held
 * in memory (idx, CIFAR-10) are prepared on the fly instead: that costs microseconds per image and
 * saves a second copy of the set.
 */
public final class PreparedImages implements ImageDataset {

    /** Cache budget when none is given: a quarter of the heap, at most 2 GiB. */
    public static long defaultCacheBudget() {
        return Math.min(Runtime.getRuntime().maxMemory() / 4, 2L << 30);
    }

    private final RasterSource source;
    private final Preprocessor preprocessor;
    private final int imageBytes;
    private final byte[] cache;
    /** 1 once an image's bytes are in {@link #cache}; the volatile write publishes them. */
    private final AtomicIntegerArray cached;

    /**
     * @param source the decoded images
     * @param imageSize the model's image side
     * @param channels the model's channels
     * @param cacheBudget bytes the cache may take; a set larger than this is not cached
     */
    public PreparedImages(RasterSource source, int imageSize, int channels, long cacheBudget) {
        this.source = source;
        this.preprocessor = new Preprocessor(imageSize, channels);
        this.imageBytes = preprocessor.imageBytes();
        long total = (long) source.size() * imageBytes;
        boolean useCache = !source.inMemory() && total <= cacheBudget && total <= Integer.MAX_VALUE - 8;
        this.cache = useCache ? new byte[(int) total] : null;
        this.cached = useCache ? new AtomicIntegerArray(source.size()) : null;
    }

    /** With {@link #defaultCacheBudget()}. */
    public PreparedImages(RasterSource source, int imageSize, int channels) {
        this(source, imageSize, channels, defaultCacheBudget());
    }

    /** Whether prepared images are kept in memory. */
    public boolean caches() {
        return cache != null;
    }

    /** The source these images come from. */
    public RasterSource source() {
        return source;
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public int size() {
        return source.size();
    }

    @Override
    public int channels() {
        return preprocessor.channels();
    }

    @Override
    public int imageSize() {
        return preprocessor.size();
    }

    @Override
    public ImageAnnotations annotations() {
        return source.annotations();
    }

    /** Image {@code index} as 8-bit planar samples (channels·size·size), e.g. for previews. */
    public byte[] bytes(int index) {
        byte[] out = new byte[imageBytes];
        prepare(index, out, 0);
        return out;
    }

    @Override
    public void copyImage(int index, float[] dst, int offset) {
        if (cache != null) {
            prepare(index, null, 0);
            Preprocessor.toFloats(cache, index * imageBytes, dst, offset, imageBytes);
        } else {
            byte[] tmp = new byte[imageBytes];
            prepare(index, tmp, 0);
            Preprocessor.toFloats(tmp, 0, dst, offset, imageBytes);
        }
    }

    /** Fills the cache slot of {@code index} if needed, and copies it to {@code dst} if given. */
    private void prepare(int index, byte[] dst, int offset) {
        if (index < 0 || index >= source.size()) {
            throw new IndexOutOfBoundsException("image " + index + " of " + name() + " (size " + size() + ")");
        }
        if (cache == null) {
            preprocessor.apply(source.read(index), dst, offset);
            return;
        }
        int at = index * imageBytes;
        if (cached.get(index) == 0) {
            // Two threads may prepare the same image at once; both write identical bytes.
            preprocessor.apply(source.read(index), cache, at);
            cached.set(index, 1);
        }
        if (dst != null) {
            System.arraycopy(cache, at, dst, offset, imageBytes);
        }
    }
}

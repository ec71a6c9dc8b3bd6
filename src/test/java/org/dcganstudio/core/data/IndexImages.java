package org.dcganstudio.core.data;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A 1×1 single-channel test set whose only pixel is the image's index, so a batch reveals exactly
 * which images it holds. Ignores the [-1, 1] range on purpose: only the batching is under test.
 */
final class IndexImages implements ImageDataset {

    private final int size;
    private final int failAt;
    final AtomicInteger copies = new AtomicInteger();

    /** @param failAt an index whose copy throws, or -1 for none */
    IndexImages(int size, int failAt) {
        this.size = size;
        this.failAt = failAt;
    }

    @Override
    public String name() {
        return "index-images";
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int channels() {
        return 1;
    }

    @Override
    public int imageSize() {
        return 1;
    }

    @Override
    public void copyImage(int index, float[] dst, int offset) {
        if (index == failAt) {
            throw new IllegalArgumentException("broken image " + index);
        }
        copies.incrementAndGet();
        dst[offset] = index;
    }
}

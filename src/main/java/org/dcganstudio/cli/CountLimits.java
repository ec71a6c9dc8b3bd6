package org.dcganstudio.cli;

import org.dcganstudio.core.model.ModelConfig;

/**
 * Upper bounds of the count options, checked before anything of their size is allocated: each
 * command holds what it counts in memory, so an absurd count would end in an out-of-memory error
 * after minutes of work instead of a message.
 */
final class CountLimits {

    /**
     * 2^28 float32 values, 1 GiB: the generated images are held at once (for the grid, the strip
     * and the {@code .npy}), as floats and again as a tensor, so this keeps a run inside a few GiB
     * of heap: 21 845 images of 64×64 RGB.
     */
    static final long MAX_IMAGE_VALUES = 1L << 28;

    /**
     * 100 000 latents, 33 times the default: the search holds every latent and its generated
     * features at once, and its principal directions stop changing long before.
     */
    static final int MAX_DIRECTION_SAMPLES = 100_000;

    /**
     * 10 000 frames, 17 minutes at 100 ms a frame: beyond any GIF worth watching, and each frame is
     * a decoded grid.
     */
    static final int MAX_GIF_FRAMES = 10_000;

    private CountLimits() {}

    /** The most images of {@code config}'s size one command generates and holds. */
    static int maxImages(ModelConfig config) {
        long perImage = (long) config.channels() * config.imageSize() * config.imageSize();
        return (int) (MAX_IMAGE_VALUES / perImage);
    }

    /** Fails naming the option, the value, the limit and why there is one. */
    static void requireAtMost(String option, long value, long limit, String why) {
        if (value > limit) {
            throw new IllegalArgumentException(option + " " + value + " is above the limit of " + limit + " (" + why
                    + ")");
        }
    }

    /** Fails when {@code n} images of {@code config} would not fit the in-memory bound. */
    static void requireImagesFit(String option, long n, ModelConfig config) {
        requireAtMost(option, n, maxImages(config), "the " + config.imageSize() + "×" + config.imageSize() + "×"
                + config.channels() + " images are held in memory, at most " + (MAX_IMAGE_VALUES >> 20)
                + " Mi float32 values; run again with another --seed for more");
    }
}

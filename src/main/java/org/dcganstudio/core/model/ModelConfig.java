package org.dcganstudio.core.model;

/**
 * The shape of a DCGAN pair: what G and D need to be built, and nothing about training.
 *
 * @param imageSize 28 or a power of two from 32 to 256
 * @param channels 1 (grey) or 3 (RGB)
 * @param nz latent size
 * @param ngf generator feature maps at the last hidden layer
 * @param ndf discriminator feature maps at the first layer
 * @param zPrior the latent prior
 */
public record ModelConfig(int imageSize, int channels, int nz, int ngf, int ndf, LatentPrior zPrior) {

    /** The reference: 64×64 RGB, nz 100, ngf = ndf = 64, normal prior. */
    public static final ModelConfig REFERENCE = new ModelConfig(64, 3, 100, 64, 64, LatentPrior.NORMAL);

    public ModelConfig {
        if (!(imageSize == 28 || (imageSize >= 32 && imageSize <= 256 && Integer.bitCount(imageSize) == 1))) {
            throw new IllegalArgumentException(
                    "image size must be 28 or a power of two in [32, 256], got " + imageSize);
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        requirePositive("nz", nz);
        requirePositive("ngf", ngf);
        requirePositive("ndf", ndf);
        if (zPrior == null) {
            throw new IllegalArgumentException("z prior must be normal or uniform, got null");
        }
        long weights = convolutionWeights(imageSize, channels, nz, ngf, ndf);
        if (weights > MAX_WEIGHTS) {
            throw new IllegalArgumentException("a model of " + imageSize + "×" + imageSize + "×" + channels + ", nz "
                    + nz + ", ngf " + ngf + ", ndf " + ndf + " has " + weights + " convolution weights, above the "
                    + "limit of " + MAX_WEIGHTS + " (lower ngf or ndf)");
        }
    }

    /**
     * 2^30 weights in G and D together: 4 GiB of float32, 16 GiB with gradients and Adam's two
     * moments, about what a 24 GB GPU holds with room for activations; 170 times the reference
     * (6.3 M). Checked before a config read from a file allocates anything: ngf 4096 at 64×64 is
     * 11.3 G weights, 45 GB.
     */
    public static final long MAX_WEIGHTS = 1L << 30;

    /** Convolution weights of G and D (biases and batch-norm add under 1 %). */
    private static long convolutionWeights(int imageSize, int channels, int nz, int ngf, int ndf) {
        int base = imageSize == 28 ? 7 : 4;
        int layers = Integer.numberOfTrailingZeros(imageSize / base);
        long kernel = 16;
        long total = 0;
        long gIn = nz;
        long dIn = channels;
        for (int i = 0; i < layers; i++) {
            long gOut = (long) ngf * Math.min(1 << (layers - 1 - i), 8);
            long dOut = (long) ndf * Math.min(1 << i, 8);
            total += gIn * gOut * (i == 0 ? (long) base * base : kernel) + dIn * dOut * kernel;
            gIn = gOut;
            dIn = dOut;
        }
        return total + gIn * channels * kernel + dIn * base * base;
    }

    private static void requirePositive(String name, int value) {
        if (value < 1 || value > 4096) {
            throw new IllegalArgumentException(name + " must be in [1, 4096], got " + value);
        }
    }

    /** The spatial size of G's first feature map and D's last: 7 for 28×28, else 4. */
    public int baseSize() {
        return imageSize == 28 ? 7 : 4;
    }

    /** How many stride-2 layers G and D each have (4 for 64×64). */
    public int upsamplingLayers() {
        return Integer.numberOfTrailingZeros(imageSize / baseSize());
    }

    /**
     * Feature-map multiplier of G's i-th hidden layer: 8, 4, 2, 1 for 64×64 as the reference, capped
     * at 8 (the reference's widest) when larger images add layers.
     */
    public int generatorMultiplier(int i) {
        return Math.min(1 << (upsamplingLayers() - 1 - i), 8);
    }

    /** Feature-map multiplier of D's i-th layer: 1, 2, 4, 8 for 64×64, capped at 8. */
    public int discriminatorMultiplier(int i) {
        return Math.min(1 << i, 8);
    }

    /** Values per image in the largest array G or D produces: an image, or a hidden feature map. */
    public long largestActivation() {
        long largest = (long) channels * imageSize * imageSize;
        for (int i = 0; i < upsamplingLayers(); i++) {
            long g = (long) baseSize() << i;
            long d = imageSize >> (i + 1);
            largest = Math.max(largest, (long) ngf * generatorMultiplier(i) * g * g);
            largest = Math.max(largest, (long) ndf * discriminatorMultiplier(i) * d * d);
        }
        return largest;
    }
}

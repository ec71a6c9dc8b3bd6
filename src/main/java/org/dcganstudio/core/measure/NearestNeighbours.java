package org.dcganstudio.core.measure;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.model.Discriminator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;

/**
 * The memorisation check: for each generated image, the k nearest training images by Euclidean
 * distance in pixel space ([-1, 1] values at the model's size) and in D's penultimate features
 * (eval mode). A generator that copies its data shows neighbours at distance near zero; one that
 * generalises shows similar but distinct faces.
 *
 * <p>The data set is streamed in batches, so only one batch of images and features is held at a
 * time whatever its size. Squared distances are {@code |x|² + |g|² − 2x·g} from one matrix
 * product per batch, in double precision: in float32 the cancellation would leave errors of
 * about 10⁻³ on values near 10⁴, enough to blur an exact copy's zero.
 */
public final class NearestNeighbours {

    /** Training images per batch. */
    static final int BATCH = 256;

    /**
     * One neighbour.
     *
     * @param index the image's index in the data set
     * @param distance Euclidean distance
     */
    public record Neighbour(int index, double distance) {}

    /**
     * Neighbours per query, nearest first (ties: the lower index first).
     *
     * @param pixel {@code pixel.get(q)}: query q's nearest images in pixel space
     * @param feature the same in D's penultimate features
     * @param searched how many data-set images were compared
     */
    public record Result(List<List<Neighbour>> pixel, List<List<Neighbour>> feature, int searched) {}

    private NearestNeighbours() {}

    /**
     * Searches.
     *
     * @param queries {@code count·C·S·S} generated images, NCHW in [-1, 1] at the model's size
     * @param discriminator supplies the features, in eval mode
     * @param data prepared at the model's size and channels
     * @param k neighbours per query, at least 1
     * @param limit search only the first {@code limit} images (all when larger than the set)
     * @param progress hears the number of images searched after each batch
     */
    public static Result search(float[] queries, int count, Discriminator discriminator, ImageDataset data, int k,
            int limit, IntConsumer progress) {
        return search(queries, count, discriminator, data, k, limit, progress, BATCH);
    }

    static Result search(float[] queries, int count, Discriminator discriminator, ImageDataset data, int k,
            int limit, IntConsumer progress, int batch) {
        ModelConfig c = discriminator.config();
        int size = c.imageSize();
        int channels = c.channels();
        int length = channels * size * size;
        if (data.imageSize() != size || data.channels() != channels) {
            throw new IllegalArgumentException("data set " + data.name() + " is prepared at " + data.channels() + "×"
                    + data.imageSize() + "×" + data.imageSize() + ", the model's images are " + channels + "×" + size
                    + "×" + size);
        }
        if ((long) count * length != queries.length || count < 1) {
            throw new IllegalArgumentException(queries.length + " values are not " + count + " images of " + channels
                    + "×" + size + "×" + size);
        }
        if (k < 1) {
            throw new IllegalArgumentException("--k must be at least 1, got " + k);
        }
        if (limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + limit);
        }
        int total = Math.min(limit, data.size());
        Autograd.disableOnThisThread();
        TopK[] pixel = new TopK[count];
        TopK[] feature = new TopK[count];
        for (int q = 0; q < count; q++) {
            pixel[q] = new TopK(Math.min(k, total));
            feature[q] = new TopK(Math.min(k, total));
        }
        try (NDManager m = discriminator.manager().newSubManager()) {
            NDArray g = m.create(queries, new Shape(count, channels, size, size));
            NDArray gPixels = g.reshape(count, length).toType(DataType.FLOAT64, false);
            NDArray gFeatures = discriminator.penultimateFeatures(g, false).toType(DataType.FLOAT64, false);
            NDArray gPixelNorms = gPixels.square().sum(new int[] {1});
            NDArray gFeatureNorms = gFeatures.square().sum(new int[] {1});
            NDArray gPixelsT = gPixels.transpose();
            NDArray gFeaturesT = gFeatures.transpose();
            for (int from = 0; from < total; from += batch) {
                int n = Math.min(batch, total - from);
                float[] x = new float[n * length];
                for (int i = 0; i < n; i++) {
                    data.copyImage(from + i, x, i * length);
                }
                try (NDManager bm = m.newSubManager()) {
                    NDArray images = bm.create(x, new Shape(n, channels, size, size));
                    NDArray pixels = images.reshape(n, length).toType(DataType.FLOAT64, false);
                    NDArray features = discriminator.penultimateFeatures(images, false).toType(DataType.FLOAT64, false);
                    offer(pixel, squaredDistances(pixels, gPixelsT, gPixelNorms, bm), n, count, from);
                    offer(feature, squaredDistances(features, gFeaturesT, gFeatureNorms, bm), n, count, from);
                }
                progress.accept(from + n);
            }
        }
        List<List<Neighbour>> pixelLists = new ArrayList<>();
        List<List<Neighbour>> featureLists = new ArrayList<>();
        for (int q = 0; q < count; q++) {
            pixelLists.add(pixel[q].neighbours());
            featureLists.add(feature[q].neighbours());
        }
        return new Result(List.copyOf(pixelLists), List.copyOf(featureLists), total);
    }

    /** {@code (n, queries)} squared distances between rows of {@code x} and the queries' columns. */
    private static double[] squaredDistances(NDArray x, NDArray queriesT, NDArray queryNorms, NDManager m) {
        NDArray norms = x.square().sum(new int[] {1}, true);
        NDArray cross = x.matMul(queriesT);
        NDArray d = norms.add(queryNorms.reshape(1, -1)).sub(cross.mul(2));
        d.attach(m);
        return d.toDoubleArray();
    }

    private static void offer(TopK[] lists, double[] squared, int n, int count, int first) {
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < count; q++) {
                lists[q].offer(first + i, Math.max(0, squared[i * count + q]));
            }
        }
    }

    /** The k smallest (distance, index) pairs seen, kept sorted; an equal distance keeps the earlier index. */
    private static final class TopK {
        private final int[] index;
        private final double[] squared;
        private int size;

        TopK(int k) {
            index = new int[k];
            squared = new double[k];
        }

        void offer(int i, double d) {
            if (size == index.length && d >= squared[size - 1]) {
                return;
            }
            int at = size == index.length ? size - 1 : size++;
            while (at > 0 && squared[at - 1] > d) {
                squared[at] = squared[at - 1];
                index[at] = index[at - 1];
                at--;
            }
            squared[at] = d;
            index[at] = i;
        }

        List<Neighbour> neighbours() {
            List<Neighbour> out = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                out.add(new Neighbour(index[i], Math.sqrt(squared[i])));
            }
            return List.copyOf(out);
        }
    }
}

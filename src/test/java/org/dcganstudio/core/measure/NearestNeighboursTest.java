package org.dcganstudio.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Discriminator;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.StateEntry;
import org.dcganstudio.testing.TinyCheckpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearestNeighboursTest {

    private static final int SIZE = 32;
    private static final int LENGTH = 3 * SIZE * SIZE;
    /** Largest L2 error of 8-bit rounding: every value off by at most 1/255 in [-1, 1] units. */
    private static final double ROUNDING = Math.sqrt(LENGTH) / 255;

    @Test
    void anExactCopyInTheDataIsPixelNeighbourZero(@TempDir Path tmp) throws Exception {
        try (NDManager m = NDManager.newBaseManager(Device.cpu());
                Generator g = new Generator(TinyCheckpoints.TINY, m, 3);
                Discriminator d = new Discriminator(TinyCheckpoints.TINY, m, 3)) {
            scale(g, 12f);
            float[] z = new float[6 * 8];
            new Rng(9).fillGaussian(z, 0, 1);
            float[] images = g.forward(m.create(z, new Shape(6, 8, 1, 1)), false).toFloatArray();
            // queries are images 0 and 1; the folder holds images 2..5 and 8-bit copies of the queries
            int[] fileToImage = {2, 3, 0, 4, 1, 5};
            Path folder = tmp.resolve("data");
            Files.createDirectories(folder);
            for (int f = 0; f < fileToImage.length; f++) {
                ImageIO.write(toPng(images, fileToImage[f]), "png", folder.resolve(String.format("%02d.png", f)).toFile());
            }
            ImageDataset data = DataSpec.parse("folder:" + folder).open(SIZE, 3, 0, DataContext.offline());
            float[] queries = new float[2 * LENGTH];
            System.arraycopy(images, 0, queries, 0, queries.length);

            NearestNeighbours.Result r = NearestNeighbours.search(queries, 2, d, data, 4, Integer.MAX_VALUE, n -> { }, 4);
            assertEquals(6, r.searched());
            for (int q = 0; q < 2; q++) {
                int copy = q == 0 ? 2 : 4;
                List<NearestNeighbours.Neighbour> pixel = r.pixel().get(q);
                assertEquals(4, pixel.size());
                assertEquals(copy, pixel.get(0).index(), "query " + q + ": " + pixel);
                assertTrue(pixel.get(0).distance() <= ROUNDING, "within 8-bit rounding: " + pixel.get(0));
                assertTrue(pixel.get(1).distance() > 10 * ROUNDING, "the other images are far: " + pixel);
                for (int j = 0; j < pixel.size(); j++) {
                    assertEquals(bruteForce(queries, q, data, pixel.get(j).index()), pixel.get(j).distance(), 1e-6,
                            "distance of " + pixel.get(j));
                    if (j > 0) {
                        assertTrue(pixel.get(j - 1).distance() <= pixel.get(j).distance(), "sorted: " + pixel);
                    }
                }
                List<NearestNeighbours.Neighbour> feature = r.feature().get(q);
                assertEquals(copy, feature.get(0).index(), "the copy is nearest in D's features too: " + feature);
                for (int j = 1; j < feature.size(); j++) {
                    assertTrue(feature.get(j - 1).distance() <= feature.get(j).distance(), "sorted: " + feature);
                }
            }

            NearestNeighbours.Result limited = NearestNeighbours.search(queries, 2, d, data, 4, 2, n -> { });
            assertEquals(2, limited.searched());
            assertEquals(2, limited.pixel().get(0).size(), "k is capped by the images searched");
            assertTrue(limited.pixel().get(0).stream().allMatch(n -> n.index() < 2));
        }
    }

    private static double bruteForce(float[] queries, int q, ImageDataset data, int index) {
        float[] x = new float[LENGTH];
        data.copyImage(index, x, 0);
        double s = 0;
        for (int i = 0; i < LENGTH; i++) {
            double diff = x[i] - queries[q * LENGTH + i];
            s += diff * diff;
        }
        return Math.sqrt(s);
    }

    private static BufferedImage toPng(float[] images, int n) {
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        int plane = SIZE * SIZE;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int p = n * LENGTH + y * SIZE + x;
                img.setRGB(x, y, byteOf(images[p]) << 16 | byteOf(images[p + plane]) << 8 | byteOf(images[p + 2 * plane]));
            }
        }
        return img;
    }

    private static int byteOf(float v) {
        return Math.round((Math.max(-1f, Math.min(1f, v)) + 1f) * 127.5f);
    }

    /** Larger weights than the paper's init, so images differ visibly from latent to latent. */
    private static void scale(Generator g, float factor) {
        for (StateEntry e : g.stateEntries()) {
            if (e.array() != null && e.array().getShape().dimension() == 4) {
                float[] w = e.array().toFloatArray();
                for (int i = 0; i < w.length; i++) {
                    w[i] *= factor;
                }
                e.array().set(w);
            }
        }
        g.invalidateCaches();
    }
}

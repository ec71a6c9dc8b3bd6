package org.dcganstudio.core.data.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.core.data.EpochBatcher;
import org.dcganstudio.core.data.ImageAnnotations;
import org.dcganstudio.core.data.PreparedImages;
import org.dcganstudio.core.data.Raster;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real Fashion-MNIST from Debian's {@code dataset-fashion-mnist} package (which {@code .ci/run}
 * installs): full counts, balanced labels, the published pixel statistics, and the same values
 * after the training pipeline.
 */
class FashionMnistTest {

    static final Path DEBIAN = Path.of("/usr/share/datasets/fashion-mnist");

    @BeforeAll
    static void requirePackage() {
        boolean present = Files.isRegularFile(DEBIAN.resolve("train-images-idx3-ubyte.gz"));
        if (!present) {
            System.out.println("FashionMnistTest skipped: " + DEBIAN + " not found (apt-get install dataset-fashion-mnist)");
        }
        Assumptions.assumeTrue(present, "Debian package dataset-fashion-mnist not installed");
    }

    @Test
    void trainSplitHasSixtyThousandImagesWithBalancedLabelsAndPublishedStatistics() {
        IdxImages train = IdxImages.openFolder(DEBIAN, true);
        assertEquals(60_000, train.size());
        checkLabels(train.annotations(), 6_000);
        double[] stats = meanAndStd(train);
        // Fashion-MNIST's published normalisation constants: mean 0.2860, std 0.3530.
        assertEquals(0.2860, stats[0], 0.0005, "mean");
        assertEquals(0.3530, stats[1], 0.0005, "std");
    }

    @Test
    void testSplitHasTenThousandImagesWithBalancedLabels() {
        IdxImages test = IdxImages.openFolder(DEBIAN, false);
        assertEquals(10_000, test.size());
        checkLabels(test.annotations(), 1_000);
        assertEquals("Ankle boot", test.annotations().classNames().get(9));
    }

    @Test
    void pipelineBatchesCarryTheSameStatisticsInMinusOneOne() {
        PreparedImages images = new PreparedImages(IdxImages.openFolder(DEBIAN, true), 28, 1);
        EpochBatcher batcher = new EpochBatcher(images, 500, 7);
        double sum = 0;
        long n = 0;
        for (int step = 0; step < 20; step++) {
            for (float v : batcher.batch(step)) {
                assertTrue(v >= -1f && v <= 1f);
                sum += v;
                n++;
            }
        }
        // 10,000 random images: the mean is within a few thousandths of the full set's 2·0.286 − 1.
        assertEquals(2 * 0.2860 - 1, sum / n, 0.01);
    }

    private static void checkLabels(ImageAnnotations annotations, int perClass) {
        assertTrue(annotations.hasClasses());
        assertEquals(10, annotations.classNames().size());
        int[] counts = new int[10];
        for (int i = 0; i < annotations.count(); i++) {
            counts[annotations.classOf(i)]++;
        }
        for (int c = 0; c < 10; c++) {
            assertEquals(perClass, counts[c], "images of class " + annotations.classNames().get(c));
        }
    }

    private static double[] meanAndStd(IdxImages images) {
        double sum = 0;
        double squares = 0;
        long n = 0;
        for (int i = 0; i < images.size(); i++) {
            Raster r = images.read(i);
            for (byte b : r.pixels()) {
                double v = (b & 0xFF) / 255.0;
                sum += v;
                squares += v * v;
                n++;
            }
        }
        double mean = sum / n;
        return new double[] {mean, Math.sqrt(squares / n - mean * mean)};
    }
}

package org.dcganstudio.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dcganstudio.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The transposed convolution against PyTorch's own {@code F.conv_transpose2d}: the committed
 * fixtures (scripts/make_torch_fixtures.py) hold x, w, b, an upstream gradient gy, and PyTorch's
 * y and the gradients of sum(y·gy) with respect to x, w and b.
 */
class TransposedConvolutionTorchFixturesTest {

    private static final Path DIR = Fixtures.path("conv_transpose2d");
    /** The cases the script writes; fewer files means fixtures went missing, not that all passed. */
    private static final int CASES = 14;
    /**
     * Per element, |actual − expected| ≤ TOLERANCE · max(1, |expected|): float32 sums of at most
     * C_in·kH·kW = 100 products of N(0,1) values, summed in another order than PyTorch's, differ
     * by a few float ulps of the largest partial sum (worst seen 1.7e-6, case 05 dL/dx).
     */
    private static final double TOLERANCE = 1e-5;

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".npz")).sorted().toList().stream();
        }
    }

    @Test
    void everyCommittedCaseIsRead() throws IOException {
        assertEquals(CASES, cases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorchForwardAndBothGradients(Path file) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList z = NDList.decode(m, Files.readAllBytes(file));
            String name = file.getFileName().toString();
            long[] params = z.get("params").toLongArray();
            int stride = (int) params[0];
            int pad = (int) params[1];
            int outPad = (int) params[2];
            boolean bias = params[3] != 0;
            NDArray x = z.get("x");
            NDArray w = z.get("w");
            NDArray b = bias ? z.get("b") : null;
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            if (b != null) {
                b.setRequiresGradient(true);
            }
            try (TransposedConvolution tc = new TransposedConvolution(w.getShape(), new Shape(stride, stride),
                    new Shape(pad, pad), new Shape(outPad, outPad), m);
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = tc.forward(x, w, b);
                assertClose(z.get("y"), y, name + " y");
                gc.backward(y.mul(z.get("gy")).sum());
                assertClose(z.get("gx"), x.getGradient(), name + " dL/dx");
                assertClose(z.get("gw"), w.getGradient(), name + " dL/dw");
                if (b != null) {
                    assertClose(z.get("gb"), b.getGradient(), name + " dL/db");
                }
            }
        }
    }

    private static void assertClose(NDArray expected, NDArray actual, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + " shape");
        float[] e = expected.toFloatArray();
        float[] a = actual.toFloatArray();
        for (int i = 0; i < e.length; i++) {
            double err = Math.abs(a[i] - e[i]) / Math.max(1, Math.abs(e[i]));
            assertTrue(err <= TOLERANCE, what + "[" + i + "]: " + a[i] + ", PyTorch " + e[i]);
        }
    }
}

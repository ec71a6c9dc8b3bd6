package org.dcganstudio.core.nn;

import static org.dcganstudio.core.nn.TransposedConvolutionTest.assertClose;
import static org.dcganstudio.core.nn.TransposedConvolutionTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConvolutionTest {

    record Case(int n, int cin, int cout, int h, int w, int kh, int kw, int stride, int pad, boolean bias) {
        @Override
        public String toString() {
            return String.format("N%d %d->%d %dx%d k%dx%d s%d p%d%s", n, cin, cout, h, w, kh, kw, stride, pad,
                    bias ? " bias" : "");
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // the DCGAN layers at batch 1 (space to depth) and batch 2 (libtorch's convolution)
                new Case(1, 3, 2, 64, 64, 4, 4, 2, 1, false),
                new Case(1, 8, 16, 8, 8, 4, 4, 2, 1, false),
                new Case(2, 4, 3, 8, 8, 4, 4, 2, 1, false),
                // the last layer: a kernel over the whole input is a matrix product at batch 1
                new Case(1, 16, 1, 4, 4, 4, 4, 1, 0, false),
                new Case(1, 5, 2, 7, 7, 7, 7, 1, 0, true),
                new Case(3, 5, 2, 7, 7, 7, 7, 1, 0, true),
                // space to depth with a bias, stride 3, no padding, a rectangular kernel
                new Case(1, 2, 3, 6, 10, 4, 4, 2, 1, true),
                new Case(1, 2, 2, 9, 9, 6, 3, 3, 0, false),
                new Case(1, 1, 2, 10, 8, 4, 2, 2, 2, false),
                // libtorch's convolution: odd padded size, kernel not a multiple of the stride, input too large
                new Case(1, 2, 2, 7, 7, 4, 4, 2, 1, false),
                new Case(1, 2, 2, 8, 8, 3, 3, 2, 1, true),
                new Case(1, 6, 2, 64, 64, 4, 4, 2, 1, false),
                new Case(2, 3, 4, 5, 6, 3, 2, 1, 1, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNestedLoopReferenceForwardAndBackward(Case c) {
        Random r = new Random(c.hashCode());
        float[] x = random(r, c.n * c.cin * c.h * c.w);
        float[] w = random(r, c.cout * c.cin * c.kh * c.kw);
        float[] b = c.bias ? random(r, c.cout) : null;
        int oh = (c.h + 2 * c.pad - c.kh) / c.stride + 1;
        int ow = (c.w + 2 * c.pad - c.kw) / c.stride + 1;
        float[] gy = random(r, c.n * c.cout * oh * ow);

        Reference ref = Reference.compute(c, x, w, b, gy, oh, ow);

        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(c.n, c.cin, c.h, c.w));
            NDArray wa = m.create(w, new Shape(c.cout, c.cin, c.kh, c.kw));
            NDArray ba = b == null ? null : m.create(b, new Shape(c.cout));
            xa.setRequiresGradient(true);
            wa.setRequiresGradient(true);
            if (ba != null) {
                ba.setRequiresGradient(true);
            }
            try (Convolution conv = new Convolution(wa.getShape(), new Shape(c.stride, c.stride),
                    new Shape(c.pad, c.pad), m);
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = conv.forward(xa, wa, ba);
                assertEquals(new Shape(c.n, c.cout, oh, ow), y.getShape());
                gc.backward(y.mul(m.create(gy, y.getShape())).sum());
                assertClose(ref.y, y.toFloatArray(), "y");
                assertClose(ref.gx, xa.getGradient().toFloatArray(), "dx");
                assertClose(ref.gw, wa.getGradient().toFloatArray(), "dw");
                if (ba != null) {
                    assertClose(ref.gb, ba.getGradient().toFloatArray(), "db");
                }
            }
        }
    }

    /** out[n,co,oy,ox] += x[n,ci,oy·s − p + ky, ox·s − p + kx]·w[co,ci,ky,kx]: the definition. */
    record Reference(double[] y, double[] gx, double[] gw, double[] gb) {
        static Reference compute(Case c, float[] x, float[] w, float[] b, float[] gy, int oh, int ow) {
            double[] y = new double[c.n * c.cout * oh * ow];
            double[] gx = new double[x.length];
            double[] gw = new double[w.length];
            double[] gb = new double[c.cout];
            for (int n = 0; n < c.n; n++) {
                for (int co = 0; co < c.cout; co++) {
                    for (int oy = 0; oy < oh; oy++) {
                        for (int ox = 0; ox < ow; ox++) {
                            int oi = ((n * c.cout + co) * oh + oy) * ow + ox;
                            y[oi] = b == null ? 0 : b[co];
                            gb[co] += gy[oi];
                            for (int ci = 0; ci < c.cin; ci++) {
                                for (int ky = 0; ky < c.kh; ky++) {
                                    int iy = oy * c.stride - c.pad + ky;
                                    for (int kx = 0; kx < c.kw; kx++) {
                                        int ix = ox * c.stride - c.pad + kx;
                                        if (iy < 0 || iy >= c.h || ix < 0 || ix >= c.w) {
                                            continue;
                                        }
                                        int xi = ((n * c.cin + ci) * c.h + iy) * c.w + ix;
                                        int wi = ((co * c.cin + ci) * c.kh + ky) * c.kw + kx;
                                        y[oi] += (double) x[xi] * w[wi];
                                        gx[xi] += (double) gy[oi] * w[wi];
                                        gw[wi] += (double) gy[oi] * x[xi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return new Reference(y, gx, gw, gb);
        }
    }
}

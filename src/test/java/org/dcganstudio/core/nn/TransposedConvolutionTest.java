package org.dcganstudio.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransposedConvolutionTest {

    record Case(int n, int cin, int cout, int h, int w, int kh, int kw, int stride, int pad, int outPad, boolean bias) {
        @Override
        public String toString() {
            return String.format("N%d %d->%d %dx%d k%dx%d s%d p%d op%d%s",
                    n, cin, cout, h, w, kh, kw, stride, pad, outPad, bias ? " bias" : "");
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        // the DCGAN layers
        cases.add(new Case(2, 5, 3, 1, 1, 4, 4, 1, 0, 0, false));
        cases.add(new Case(2, 4, 3, 4, 4, 4, 4, 2, 1, 0, false));
        cases.add(new Case(1, 4, 3, 4, 4, 4, 4, 2, 1, 0, false));
        cases.add(new Case(1, 2, 3, 8, 8, 4, 4, 2, 1, 0, true));
        cases.add(new Case(1, 3, 2, 1, 1, 7, 7, 1, 0, 0, false));
        // a sweep of strides, paddings, output paddings, odd sizes and kernels
        Random r = new Random(7);
        for (int stride = 1; stride <= 3; stride++) {
            for (int pad = 0; pad <= 2; pad++) {
                for (int outPad = 0; outPad < stride; outPad++) {
                    int kh = 1 + r.nextInt(5);
                    int kw = 1 + r.nextInt(5);
                    int h = 1 + r.nextInt(5);
                    int w = 1 + r.nextInt(5);
                    // PyTorch rejects outputs of size < 1
                    if ((h - 1) * stride - 2 * pad + kh + outPad < 1 || (w - 1) * stride - 2 * pad + kw + outPad < 1) {
                        h += 2;
                        w += 2;
                        kh = Math.max(kh, 3);
                        kw = Math.max(kw, 3);
                    }
                    cases.add(new Case(1 + r.nextInt(3), 1 + r.nextInt(3), 1 + r.nextInt(4), h, w, kh, kw,
                            stride, pad, outPad, r.nextBoolean()));
                }
            }
        }
        cases.add(new Case(1, 2, 2, 1, 1, 3, 3, 2, 0, 1, true));
        // an output padding past the phases' reach: zeros appended at batch 1
        cases.add(new Case(1, 2, 2, 3, 3, 2, 2, 3, 0, 2, false));
        cases.add(new Case(2, 3, 2, 5, 3, 3, 5, 2, 1, 1, true));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesNestedLoopReferenceForwardAndBackward(Case c) {
        Random r = new Random(c.hashCode());
        float[] x = random(r, c.n * c.cin * c.h * c.w);
        float[] w = random(r, c.cin * c.cout * c.kh * c.kw);
        float[] b = c.bias ? random(r, c.cout) : null;
        int oh = (c.h - 1) * c.stride - 2 * c.pad + c.kh + c.outPad;
        int ow = (c.w - 1) * c.stride - 2 * c.pad + c.kw + c.outPad;
        float[] gy = random(r, c.n * c.cout * oh * ow);

        Reference ref = Reference.compute(c, x, w, b, gy, oh, ow);

        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xa = m.create(x, new Shape(c.n, c.cin, c.h, c.w));
            NDArray wa = m.create(w, new Shape(c.cin, c.cout, c.kh, c.kw));
            NDArray ba = b == null ? null : m.create(b, new Shape(c.cout));
            xa.setRequiresGradient(true);
            wa.setRequiresGradient(true);
            if (ba != null) {
                ba.setRequiresGradient(true);
            }
            try (TransposedConvolution tc = new TransposedConvolution(wa.getShape(), new Shape(c.stride, c.stride),
                    new Shape(c.pad, c.pad), new Shape(c.outPad, c.outPad), m);
                    GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = tc.forward(xa, wa, ba);
                assertEquals(new Shape(c.n, c.cout, oh, ow), y.getShape());
                assertEquals(tc.outputShape(xa.getShape()), y.getShape());
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

    static float[] random(Random r, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) r.nextGaussian();
        }
        return a;
    }

    static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        float[] e = new float[expected.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) expected[i];
        }
        assertArrayEquals(e, actual, 1e-4f, what);
    }

    /** out[n,co,oy,ox] += x[n,ci,iy,ix]·w[ci,co,ky,kx] where oy = iy·s − p + ky: the definition. */
    record Reference(double[] y, double[] gx, double[] gw, double[] gb) {
        static Reference compute(Case c, float[] x, float[] w, float[] b, float[] gy, int oh, int ow) {
            double[] y = new double[c.n * c.cout * oh * ow];
            double[] gx = new double[x.length];
            double[] gw = new double[w.length];
            double[] gb = new double[c.cout];
            for (int n = 0; n < c.n; n++) {
                for (int co = 0; co < c.cout; co++) {
                    for (int i = 0; i < oh * ow; i++) {
                        int o = ((n * c.cout + co) * oh * ow) + i;
                        y[o] = b == null ? 0 : b[co];
                        gb[co] += gy[o];
                    }
                }
                for (int ci = 0; ci < c.cin; ci++) {
                    for (int iy = 0; iy < c.h; iy++) {
                        for (int ix = 0; ix < c.w; ix++) {
                            int xi = ((n * c.cin + ci) * c.h + iy) * c.w + ix;
                            for (int co = 0; co < c.cout; co++) {
                                for (int ky = 0; ky < c.kh; ky++) {
                                    int oy = iy * c.stride - c.pad + ky;
                                    if (oy < 0 || oy >= oh) {
                                        continue;
                                    }
                                    for (int kx = 0; kx < c.kw; kx++) {
                                        int ox = ix * c.stride - c.pad + kx;
                                        if (ox < 0 || ox >= ow) {
                                            continue;
                                        }
                                        int wi = ((ci * c.cout + co) * c.kh + ky) * c.kw + kx;
                                        int oi = ((n * c.cout + co) * oh + oy) * ow + ox;
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

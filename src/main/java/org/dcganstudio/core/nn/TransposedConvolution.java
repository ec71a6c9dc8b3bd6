package org.dcganstudio.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.HashMap;
import java.util.Map;

/**
 * The arithmetic of {@code torch.nn.functional.conv_transpose2d} (groups 1, dilation 1) built from
 * ops DJL's PyTorch engine has, by sub-pixel (phase) decomposition.
 *
 * <p>Output row {@code o} of a transposed convolution with stride {@code s} only receives kernel
 * taps {@code k ≡ (o + p) mod s}. Each of the {@code s·s} phases is therefore an ordinary
 * correlation with a {@code ceil(k/s)}-tap kernel, and all phases run as <em>one</em> {@code conv2d}
 * whose output channels are {@code (out, phase_h, phase_w)}. Interleaving the phases
 * (reshape/permute/reshape, at batch 1 a single gather) and cropping {@code padding} from each
 * edge gives the exact result with the multiply-adds of a real transposed convolution; zero
 * insertion would spend {@code 1 − 1/s²} of them on zeros.
 *
 * <p>The weight re-layout from PyTorch's {@code (in, out, kH, kW)} to the phase kernel is a
 * single {@code take} through a precomputed index (plus a mask where {@code k} is not a multiple
 * of {@code s}), so autograd flows to the PyTorch-layout weight and a training step spends one op on
 * it. A 1×1 input with no padding (the DCGAN's first layer) skips the phase machinery: it is a
 * matrix product with a view of the weight, run as a 1×1 convolution (at batch 1 as a
 * {@code matmul}).
 *
 * <p>Instances are immutable plans for one weight shape and one set of hyper-parameters; the
 * index arrays they hold belong to the manager given at construction.
 */
public final class TransposedConvolution extends KernelPlan implements AutoCloseable {

    private final long inChannels;
    private final long outChannels;
    private final int outPadH;
    private final int outPadW;
    private final int tapsH;
    private final int tapsW;
    private final Shape phasePadding;

    private NDArray phaseIndex;
    private NDArray phaseMask;
    private final Map<Shape, NDArray> interleaveIndices = new HashMap<>();

    /**
     * Plans a transposed convolution.
     *
     * @param weightShape the weight shape in PyTorch's layout {@code (in, out, kH, kW)}
     * @param stride {@code (sH, sW)}, each at least 1
     * @param padding {@code (pH, pW)}, each at least 0
     * @param outputPadding {@code (oH, oW)}, each smaller than its stride
     * @param indexManager the manager (and so the device) that holds the re-layout indices
     */
    public TransposedConvolution(
            Shape weightShape, Shape stride, Shape padding, Shape outputPadding, NDManager indexManager) {
        super("transposed convolution", "(in, out, kH, kW)", weightShape, stride, padding, indexManager);
        inChannels = weightShape.get(0);
        outChannels = weightShape.get(1);
        outPadH = Math.toIntExact(outputPadding.get(0));
        outPadW = Math.toIntExact(outputPadding.get(1));
        if (outPadH < 0 || outPadW < 0 || outPadH >= strideH || outPadW >= strideW) {
            throw new IllegalArgumentException(
                    "output padding must be in [0, stride), got " + outputPadding + " for stride " + stride);
        }
        tapsH = ceilDiv(kernelH, strideH);
        tapsW = ceilDiv(kernelW, strideW);
        phasePadding = new Shape(tapsH - 1, tapsW - 1);
    }

    /**
     * The output shape for an input of the given shape, as PyTorch computes it.
     *
     * @param inputShape {@code (N, in, H, W)}
     * @return {@code (N, out, Hout, Wout)}
     */
    public Shape outputShape(Shape inputShape) {
        return new Shape(
                inputShape.get(0),
                outChannels,
                outputLength(inputShape.get(2), strideH, padH, kernelH, outPadH),
                outputLength(inputShape.get(3), strideW, padW, kernelW, outPadW));
    }

    /**
     * Re-lays out a PyTorch-layout weight into the kernel {@link #apply} convolves with. The result
     * belongs to {@code manager}; when computed under a gradient collector it carries autograd back
     * to {@code weight}.
     *
     * @param weight the weight {@code (in, out, kH, kW)}
     * @param inputShape the input shape it will be applied to (it selects the path)
     * @param manager the manager the kernel is attached to
     * @return the kernel
     */
    public NDArray kernel(NDArray weight, Shape inputShape, NDManager manager) {
        checkWeight(weight.getShape());
        if (isDirect(inputShape)) {
            // (in, out·kH·kW): a view, which still belongs to the weight's long-lived manager
            NDArray matrix = weight.reshape(inChannels, outChannels * kernelH * kernelW);
            matrix.attach(manager);
            return matrix;
        }
        NDArray taps = weight.take(manager, phaseIndex());
        NDArray mask = phaseMask();
        if (mask == null) {
            return taps;
        }
        NDArray kernel = taps.mul(mask);
        // the product keeps what autograd needs; the taps would stay on a long-lived manager
        taps.close();
        return kernel;
    }

    /**
     * Applies the transposed convolution with a kernel from {@link #kernel}.
     *
     * @param input {@code (N, in, H, W)}
     * @param kernel the re-laid-out weight for this input shape
     * @param bias {@code (out)} or {@code null}
     * @return {@code (N, out, Hout, Wout)}, on the input's manager
     */
    public NDArray apply(NDArray input, NDArray kernel, NDArray bias) {
        Shape in = input.getShape();
        if (in.dimension() != 4 || in.get(1) != inChannels) {
            throw new IllegalArgumentException(
                    "transposed convolution expects (N, " + inChannels + ", H, W), got " + in);
        }
        Shape outShape = outputShape(in);
        NDArray out;
        if (isDirect(in)) {
            long n = in.get(0);
            NDArray columns;
            if (n == 1) {
                // libtorch's 1×1 convolution at batch 1 takes 3× as long, most of it in backward
                columns = input.reshape(1, inChannels).matMul(kernel);
            } else {
                // views of a cached inference kernel would otherwise join the weight's manager
                NDArray rows = kernel.transpose();
                rows.attach(input.getManager());
                columns = convolve(input, rows.reshape(outChannels * kernelH * kernelW, inChannels, 1, 1), NONE);
            }
            out = columns.reshape(n, outChannels, kernelH, kernelW);
            out = cropOrExtend(out, 0, outShape.get(3) - kernelW, 0, outShape.get(2) - kernelH);
        } else {
            NDArray phases = convolve(input, kernel, phasePadding);
            long qh = in.get(2) + tapsH - 1;
            long qw = in.get(3) + tapsW - 1;
            if (in.get(0) == 1 && outShape.get(2) + padH <= qh * strideH && outShape.get(3) + padW <= qw * strideW) {
                // one gather instead of reshape, permute, copy and crop: 40–100% of their time at
                // batch 1, forward and backward; its index grows with the batch, so larger batches
                // keep the views
                out = phases.take(input.getManager(), interleaveIndex(outShape, qh, qw));
                return bias == null ? out : addBias(out, bias);
            }
            NDArray interleaved = phases;
            if (strideH > 1 || strideW > 1) {
                interleaved =
                        phases.reshape(in.get(0), outChannels, strideH, strideW, qh, qw)
                                .transpose(0, 1, 4, 2, 5, 3)
                                .reshape(in.get(0), outChannels, qh * strideH, qw * strideW);
            }
            out =
                    cropOrExtend(
                            interleaved,
                            -padW,
                            outShape.get(3) - (qw * strideW - padW),
                            -padH,
                            outShape.get(2) - (qh * strideH - padH));
        }
        return bias == null ? out : addBias(out, bias);
    }

    private NDArray addBias(NDArray out, NDArray bias) {
        NDArray b = bias.reshape(1, outChannels, 1, 1);
        b.attach(out.getManager());
        return out.add(b);
    }

    /**
     * Re-lays out and applies in one call: what a training step does.
     *
     * @param input {@code (N, in, H, W)}
     * @param weight {@code (in, out, kH, kW)}
     * @param bias {@code (out)} or {@code null}
     * @return {@code (N, out, Hout, Wout)}
     */
    public NDArray forward(NDArray input, NDArray weight, NDArray bias) {
        return apply(input, kernel(weight, input.getShape(), input.getManager()), bias);
    }

    @Override
    public synchronized void close() {
        for (NDArray a : new NDArray[] {phaseIndex, phaseMask}) {
            if (a != null) {
                a.close();
            }
        }
        interleaveIndices.values().forEach(NDArray::close);
        interleaveIndices.clear();
        phaseIndex = null;
        phaseMask = null;
    }

    private boolean isDirect(Shape inputShape) {
        return inputShape.get(2) == 1 && inputShape.get(3) == 1 && padH == 0 && padW == 0;
    }

    private static NDArray convolve(NDArray input, NDArray kernel, Shape padding) {
        return JniUtils.convolution((PtNDArray) input, (PtNDArray) kernel, null, UNIT, padding, UNIT, 1);
    }

    /**
     * Negative amounts crop, positive ones append zeros, in one differentiable native call (torch's
     * {@code pad}, last axis first). DJL's {@code NDArray.pad} would do, but its {@code Shape}
     * argument rejects crops of more than one.
     */
    private static NDArray cropOrExtend(NDArray x, long left, long right, long top, long bottom) {
        if (left == 0 && right == 0 && top == 0 && bottom == 0) {
            return x;
        }
        return JniUtils.pad((PtNDArray) x, new long[] {left, right, top, bottom}, 0);
    }

    private void checkWeight(Shape shape) {
        if (shape.dimension() != 4
                || shape.get(0) != inChannels
                || shape.get(1) != outChannels
                || shape.get(2) != kernelH
                || shape.get(3) != kernelW) {
            throw new IllegalArgumentException(
                    "weight shape "
                            + shape
                            + " does not match the planned "
                            + new Shape(inChannels, outChannels, kernelH, kernelW));
        }
    }

    private synchronized NDArray phaseIndex() {
        if (phaseIndex == null) {
            buildPhaseIndex();
        }
        return phaseIndex;
    }

    private synchronized NDArray phaseMask() {
        if (phaseIndex == null) {
            buildPhaseIndex();
        }
        return phaseMask;
    }

    /** {@code K[(c, rh, rw), ci, th, tw] = W[ci, c, sH·(TH−1−th)+rh, sW·(TW−1−tw)+rw]}, or 0 past the kernel. */
    private void buildPhaseIndex() {
        int size = Math.toIntExact(outChannels * strideH * strideW * inChannels * tapsH * tapsW);
        long[] index = new long[size];
        float[] mask = new float[size];
        boolean masked = false;
        int i = 0;
        for (long c = 0; c < outChannels; c++) {
            for (int rh = 0; rh < strideH; rh++) {
                for (int rw = 0; rw < strideW; rw++) {
                    for (long ci = 0; ci < inChannels; ci++) {
                        for (int th = 0; th < tapsH; th++) {
                            for (int tw = 0; tw < tapsW; tw++) {
                                int kh = strideH * (tapsH - 1 - th) + rh;
                                int kw = strideW * (tapsW - 1 - tw) + rw;
                                if (kh < kernelH && kw < kernelW) {
                                    index[i] = ((ci * outChannels + c) * kernelH + kh) * kernelW + kw;
                                    mask[i] = 1f;
                                } else {
                                    masked = true;
                                }
                                i++;
                            }
                        }
                    }
                }
            }
        }
        Shape shape = new Shape(outChannels * strideH * strideW, inChannels, tapsH, tapsW);
        phaseIndex = indexManager.create(index, shape);
        phaseMask = masked ? indexManager.create(mask, shape) : null;
    }

    /**
     * {@code out[0, c, i, j] = phases[0, (c, y mod sH, x mod sW), y div sH, x div sW]} with
     * {@code (y, x) = (i + pH, j + pW)}: the interleave and the crop as one gather. One index per
     * batch-1 output shape, kept for the plan's life.
     */
    private synchronized NDArray interleaveIndex(Shape outShape, long qh, long qw) {
        NDArray index = interleaveIndices.get(outShape);
        if (index == null) {
            long outH = outShape.get(2);
            long outW = outShape.get(3);
            long[] values = new long[Math.toIntExact(outChannels * outH * outW)];
            int i = 0;
            for (long c = 0; c < outChannels; c++) {
                for (long row = 0; row < outH; row++) {
                    long y = row + padH;
                    for (long col = 0; col < outW; col++) {
                        long x = col + padW;
                        long phase = (c * strideH + y % strideH) * strideW + x % strideW;
                        values[i++] = (phase * qh + y / strideH) * qw + x / strideW;
                    }
                }
            }
            index = indexManager.create(values, outShape);
            interleaveIndices.put(outShape, index);
        }
        return index;
    }

    static long outputLength(long in, int stride, int pad, int kernel, int outPad) {
        return (in - 1) * stride - 2L * pad + kernel + outPad;
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}

package org.dcganstudio.core.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.HashMap;
import java.util.Map;

/**
 * The arithmetic of {@code torch.nn.functional.conv2d} (groups 1, dilation 1). At batch 1, where
 * libtorch's own choice of kernel is slowest, it runs an exact formulation that costs less:
 *
 * <ul>
 *   <li>A kernel that covers the whole unpadded input (the DCGAN discriminator's last layer) is a
 *       matrix product: one {@code linear} on views, a quarter of the time of the convolution,
 *       forward and backward.
 *   <li>On the CPU, a strided kernel on a small input (the discriminator's 4×4 stride-2 layers on
 *       the tiny model) runs as a stride-1 convolution on the space-to-depth input: the padded
 *       input re-laid out to {@code (in·s·s, H/s, W/s)} by one {@code take} and a mask for the
 *       padding (a tenth of the events of a {@code pad}), the weight to
 *       {@code (out, in·s·s, kH/s, kW/s)} by another {@code take}. libtorch 2.7 sends a kernel
 *       wider than 3×3 to oneDNN even at batch 1 (ConvUtils {@code use_mkldnn}), whose per-call
 *       descriptor set-up and layout reorders cost 100–200 µs around a few µs of arithmetic; the
 *       2×2 kernel on at most 20,480 input values stays on the native kernel: about half the
 *       time, forward and backward.
 * </ul>
 *
 * <p>At batch 2 and more libtorch's convolution runs as it is: oneDNN is chosen there either way,
 * and the trajectories recorded so far were computed with it (a GAN's training is chaotic enough
 * that summation order alone moves a few hundred steps measurably, see {@code LearningTest}).
 *
 * <p>Instances are plans for one weight shape and one stride and padding; the index arrays they
 * hold belong to the manager given at construction.
 */
public final class Convolution extends KernelPlan implements AutoCloseable {

    /** Input values up to which libtorch keeps a batch-1 convolution with a 3×3 kernel native. */
    static final long NATIVE_LIMIT = 20480;

    private final long outChannels;
    private final long inChannels;
    private final Shape stride;
    private final Shape padding;
    private final Map<Shape, SpaceToDepth> spaceToDepth = new HashMap<>();

    /**
     * Plans a convolution.
     *
     * @param weightShape the weight shape {@code (out, in, kH, kW)}
     * @param stride {@code (sH, sW)}, each at least 1
     * @param padding {@code (pH, pW)}, each at least 0
     * @param indexManager the manager (and so the device) that holds the re-layout indices
     */
    public Convolution(Shape weightShape, Shape stride, Shape padding, NDManager indexManager) {
        super("convolution", "(out, in, kH, kW)", weightShape, stride, padding, indexManager);
        outChannels = weightShape.get(0);
        inChannels = weightShape.get(1);
        this.stride = stride;
        this.padding = padding;
    }

    /**
     * Convolves.
     *
     * @param input {@code (N, in, H, W)}
     * @param weight {@code (out, in, kH, kW)}
     * @param bias {@code (out)} or {@code null}
     * @return {@code (N, out, Hout, Wout)}, on the input's manager
     */
    public NDArray forward(NDArray input, NDArray weight, NDArray bias) {
        Shape in = input.getShape();
        if (in.dimension() != 4 || in.get(1) != inChannels) {
            throw new IllegalArgumentException("convolution expects (N, " + inChannels + ", H, W), got " + in);
        }
        if (in.get(0) != 1) {
            return conv(input, weight, bias, stride, padding);
        }
        if (in.get(2) == kernelH && in.get(3) == kernelW && padH == 0 && padW == 0) {
            long k = inChannels * kernelH * kernelW;
            NDArray matrix = weight.reshape(outChannels, k);
            // a view still belongs to the weight's long-lived manager
            matrix.attach(input.getManager());
            NDArray out = JniUtils.linear((PtNDArray) input.reshape(1, k), (PtNDArray) matrix, (PtNDArray) bias);
            return out.reshape(1, outChannels, 1, 1);
        }
        if (spaceToDepthPays(in, input.getDevice())) {
            SpaceToDepth index = spaceToDepth(in);
            NDArray blocks = input.take(input.getManager(), index.input());
            if (index.mask() != null) {
                blocks = blocks.mul(index.mask());
            }
            return conv(blocks, weight.take(input.getManager(), index.weight()), bias, UNIT, NONE);
        }
        return conv(input, weight, bias, stride, padding);
    }

    /**
     * Whether libtorch would run the space-to-depth convolution on its native CPU kernel. A GPU
     * runs the strided kernel as it is: there the gathers would only add kernel launches.
     */
    private boolean spaceToDepthPays(Shape in, Device device) {
        long paddedH = in.get(2) + 2L * padH;
        long paddedW = in.get(3) + 2L * padW;
        return !device.isGpu()
                && (strideH > 1 || strideW > 1)
                && in.get(1) * paddedH * paddedW <= NATIVE_LIMIT
                && kernelH % strideH == 0
                && kernelW % strideW == 0
                && (kernelH / strideH <= 3 || kernelW / strideW <= 3)
                && paddedH % strideH == 0
                && paddedW % strideW == 0;
    }

    private static NDArray conv(NDArray x, NDArray w, NDArray bias, Shape stride, Shape padding) {
        return JniUtils.convolution((PtNDArray) x, (PtNDArray) w, (PtNDArray) bias, stride, padding, UNIT, 1);
    }

    /**
     * {@code X[(c, rh, rw), u, v] = P[c, sH·u + rh, sW·v + rw]} over the input {@code P} padded
     * with zeros (the gather reads any element there and the mask zeroes it), and
     * {@code K[o, (c, rh, rw), a, b] = W[o, c, sH·a + rh, sW·b + rw]}: output {@code (i, j)} then
     * sums {@code K[a, b]·X[i + a, j + b]}, the taps of the strided kernel. One entry per batch-1
     * input shape, kept for the plan's life.
     */
    private synchronized SpaceToDepth spaceToDepth(Shape in) {
        SpaceToDepth cached = spaceToDepth.get(in);
        if (cached != null) {
            return cached;
        }
        long height = in.get(2);
        long width = in.get(3);
        long blocksH = (height + 2L * padH) / strideH;
        long blocksW = (width + 2L * padW) / strideW;
        long depth = inChannels * strideH * strideW;
        long[] input = new long[Math.toIntExact(depth * blocksH * blocksW)];
        float[] mask = new float[input.length];
        int i = 0;
        for (long c = 0; c < inChannels; c++) {
            for (int rh = 0; rh < strideH; rh++) {
                for (int rw = 0; rw < strideW; rw++) {
                    for (long u = 0; u < blocksH; u++) {
                        long y = strideH * u + rh - padH;
                        for (long v = 0; v < blocksW; v++) {
                            long x = strideW * v + rw - padW;
                            if (y >= 0 && y < height && x >= 0 && x < width) {
                                input[i] = (c * height + y) * width + x;
                                mask[i] = 1f;
                            }
                            i++;
                        }
                    }
                }
            }
        }
        int tapsH = kernelH / strideH;
        int tapsW = kernelW / strideW;
        long[] kernel = new long[Math.toIntExact(outChannels * inChannels * kernelH * kernelW)];
        i = 0;
        for (long o = 0; o < outChannels; o++) {
            for (long c = 0; c < inChannels; c++) {
                for (int rh = 0; rh < strideH; rh++) {
                    for (int rw = 0; rw < strideW; rw++) {
                        for (int a = 0; a < tapsH; a++) {
                            for (int b = 0; b < tapsW; b++) {
                                kernel[i++] = ((o * inChannels + c) * kernelH + strideH * a + rh) * kernelW
                                        + strideW * b + rw;
                            }
                        }
                    }
                }
            }
        }
        Shape blocks = new Shape(1, depth, blocksH, blocksW);
        SpaceToDepth made = new SpaceToDepth(
                indexManager.create(input, blocks),
                padH == 0 && padW == 0 ? null : indexManager.create(mask, blocks),
                indexManager.create(kernel, new Shape(outChannels, depth, tapsH, tapsW)));
        spaceToDepth.put(in, made);
        return made;
    }

    @Override
    public synchronized void close() {
        for (SpaceToDepth index : spaceToDepth.values()) {
            index.input().close();
            if (index.mask() != null) {
                index.mask().close();
            }
            index.weight().close();
        }
        spaceToDepth.clear();
    }

    /** The gathers of one input shape: input positions, the padding mask (or null), weight taps. */
    private record SpaceToDepth(NDArray input, NDArray mask, NDArray weight) {}
}

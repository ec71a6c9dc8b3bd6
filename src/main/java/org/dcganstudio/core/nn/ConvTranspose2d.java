package org.dcganstudio.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * A DJL block equal to {@code torch.nn.ConvTranspose2d} (groups 1, dilation 1), which DJL's PyTorch
 * engine lacks. The weight has PyTorch's layout {@code (in_channels, out_channels, kH, kW)}, so
 * state dicts move between the two unchanged; the arithmetic is {@link TransposedConvolution}.
 *
 * <p>In training every forward re-lays out the weight inside the autograd graph (one op). Outside
 * training the re-laid-out kernel is cached until {@link #invalidateCache()} or the next training
 * forward, since re-laying out a large weight costs more than convolving one image with it.
 */
public final class ConvTranspose2d extends KernelBlock {

    private final Shape outputPadding;

    private TransposedConvolution plan;
    private NDArray cachedKernel;
    private Shape cachedFor;

    private ConvTranspose2d(Builder builder) {
        super(builder);
        outputPadding = builder.outputPadding;
    }

    /**
     * Starts a builder.
     *
     * @return a builder with stride 1, padding 0, output padding 0 and a bias
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    NDArray compute(NDArray input, NDArray w, NDArray b, boolean training) {
        TransposedConvolution p = plan(w);
        if (training) {
            invalidateCache();
            return p.forward(input, w, b);
        }
        return p.apply(input, inferenceKernel(p, w, input.getShape()), b);
    }

    private synchronized TransposedConvolution plan(NDArray w) {
        if (plan == null) {
            plan = new TransposedConvolution(w.getShape(), stride, padding, outputPadding, w.getManager());
        }
        return plan;
    }

    private synchronized NDArray inferenceKernel(TransposedConvolution p, NDArray w, Shape inputShape) {
        Shape key = new Shape(inputShape.get(2) == 1 && inputShape.get(3) == 1 ? 1 : 0);
        if (cachedKernel == null || !key.equals(cachedFor)) {
            invalidateCache();
            NDArray kernel = p.kernel(w, inputShape, w.getManager());
            cachedKernel = kernel.stopGradient();
            // the detached kernel shares the data; the re-layout's own array would stay on the weight's manager
            kernel.close();
            cachedFor = key;
        }
        return cachedKernel;
    }

    /** Drops the cached inference kernel; call after changing the weight outside training. */
    public synchronized void invalidateCache() {
        if (cachedKernel != null) {
            cachedKernel.close();
            cachedKernel = null;
            cachedFor = null;
        }
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        shapeParameters(inputShapes[0].get(1), filters);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = TransposedConvolution.outputLength(
                in.get(2), (int) stride.get(0), (int) padding.get(0), (int) kernelShape.get(0),
                (int) outputPadding.get(0));
        long w = TransposedConvolution.outputLength(
                in.get(3), (int) stride.get(1), (int) padding.get(1), (int) kernelShape.get(1),
                (int) outputPadding.get(1));
        return new Shape[] {new Shape(in.get(0), filters, h, w)};
    }

    /** Builds {@link ConvTranspose2d} blocks; the weight is {@code (in, out, kH, kW)}. */
    public static final class Builder extends KernelBlock.Builder<Builder> {
        private Shape outputPadding = new Shape(0, 0);

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Sets the output padding {@code (oH, oW)}, each smaller than its stride. */
        public Builder optOutputPadding(Shape outputPadding) {
            this.outputPadding = outputPadding;
            return this;
        }

        /** Builds the block. */
        public ConvTranspose2d build() {
            checkKernelAndFilters();
            for (int d = 0; d < 2; d++) {
                if (outputPadding.get(d) < 0 || outputPadding.get(d) >= stride.get(d)) {
                    throw new IllegalArgumentException(
                            "output padding must be in [0, stride), got " + outputPadding + " for stride " + stride);
                }
            }
            return new ConvTranspose2d(this);
        }
    }
}

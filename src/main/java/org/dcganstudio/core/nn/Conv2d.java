package org.dcganstudio.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * {@code torch.nn.Conv2d} (groups 1, dilation 1) with the weight in PyTorch's layout
 * {@code (out_channels, in_channels, kH, kW)}. Unlike DJL's {@code Conv2d}, which always calls
 * libtorch's convolution, it runs each input through the cheapest exact formulation
 * ({@link Convolution}).
 */
public final class Conv2d extends KernelBlock {

    private Convolution plan;

    private Conv2d(Builder builder) {
        super(builder);
    }

    /**
     * Starts a builder.
     *
     * @return a builder with stride 1, padding 0 and a bias
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    NDArray compute(NDArray input, NDArray w, NDArray b, boolean training) {
        return plan(w).forward(input, w, b);
    }

    private synchronized Convolution plan(NDArray w) {
        if (plan == null) {
            plan = new Convolution(w.getShape(), stride, padding, w.getManager());
        }
        return plan;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        shapeParameters(filters, inputShapes[0].get(1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + 2 * padding.get(0) - kernelShape.get(0)) / stride.get(0) + 1;
        long w = (in.get(3) + 2 * padding.get(1) - kernelShape.get(1)) / stride.get(1) + 1;
        return new Shape[] {new Shape(in.get(0), filters, h, w)};
    }

    /** Builds {@link Conv2d} blocks; the weight is {@code (out, in, kH, kW)}. */
    public static final class Builder extends KernelBlock.Builder<Builder> {

        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** Builds the block. */
        public Conv2d build() {
            checkKernelAndFilters();
            return new Conv2d(this);
        }
    }
}

package org.dcganstudio.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.Conv2d} (groups 1, dilation 1) with the weight in PyTorch's layout
 * {@code (out_channels, in_channels, kH, kW)}. Unlike DJL's {@code Conv2d}, which always calls
 * libtorch's convolution, it runs each input through the cheapest exact formulation
 * ({@link Convolution}).
 */
public final class Conv2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Shape kernelShape;
    private final Shape stride;
    private final Shape padding;
    private final long filters;
    private final Parameter weight;
    private final Parameter bias;

    private Convolution plan;

    private Conv2d(Builder builder) {
        super(VERSION);
        kernelShape = builder.kernelShape;
        stride = builder.stride;
        padding = builder.padding;
        filters = builder.filters;
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias = builder.bias
                ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build())
                : null;
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
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, input.getDevice(), training);
        return new NDList(plan(w).forward(input, w, b));
    }

    private synchronized Convolution plan(NDArray w) {
        if (plan == null) {
            plan = new Convolution(w.getShape(), stride, padding, w.getManager());
        }
        return plan;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1)).addAll(kernelShape));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        long h = (in.get(2) + 2 * padding.get(0) - kernelShape.get(0)) / stride.get(0) + 1;
        long w = (in.get(3) + 2 * padding.get(1) - kernelShape.get(1)) / stride.get(1) + 1;
        return new Shape[] {new Shape(in.get(0), filters, h, w)};
    }

    /** The weight parameter, {@code (out, in, kH, kW)}. */
    public Parameter getWeight() {
        return weight;
    }

    /** The bias parameter, or {@code null} when built without one. */
    public Parameter getBias() {
        return bias;
    }

    /** Builds {@link Conv2d} blocks. */
    public static final class Builder {
        private Shape kernelShape;
        private Shape stride = new Shape(1, 1);
        private Shape padding = new Shape(0, 0);
        private long filters = -1;
        private boolean bias = true;

        private Builder() {}

        /** Sets the kernel {@code (kH, kW)}. */
        public Builder setKernelShape(Shape kernelShape) {
            this.kernelShape = kernelShape;
            return this;
        }

        /** Sets the number of output channels. */
        public Builder setFilters(long filters) {
            this.filters = filters;
            return this;
        }

        /** Sets the stride {@code (sH, sW)}. */
        public Builder optStride(Shape stride) {
            this.stride = stride;
            return this;
        }

        /** Sets the padding {@code (pH, pW)}. */
        public Builder optPadding(Shape padding) {
            this.padding = padding;
            return this;
        }

        /** Adds a bias or not (the DCGAN has none). */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** Builds the block. */
        public Conv2d build() {
            if (kernelShape == null || kernelShape.dimension() != 2) {
                throw new IllegalArgumentException("kernel shape must be (kH, kW), got " + kernelShape);
            }
            if (filters < 1) {
                throw new IllegalArgumentException("filters must be at least 1, got " + filters);
            }
            return new Conv2d(this);
        }
    }
}

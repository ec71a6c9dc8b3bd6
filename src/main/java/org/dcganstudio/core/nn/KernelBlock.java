package org.dcganstudio.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share: the kernel, stride, padding and number of
 * filters they were built with, their weight and optional bias, the fetch of those two from the
 * parameter store for each forward, and a builder.
 */
public abstract class KernelBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    final Shape kernelShape;
    final Shape stride;
    final Shape padding;
    final long filters;
    final Parameter weight;
    final Parameter bias;

    KernelBlock(Builder<?> builder) {
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

    @Override
    protected final NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, input.getDevice(), training);
        return new NDList(compute(input, w, b, training));
    }

    /**
     * Runs the block's arithmetic on the parameters as the store hands them out for the input's
     * device.
     *
     * @param input the one input
     * @param w the weight, in this kind of block's layout
     * @param b the bias, or {@code null} when built without one
     * @param training whether this forward is part of a training step
     * @return the one output
     */
    abstract NDArray compute(NDArray input, NDArray w, NDArray b, boolean training);

    /** Shapes the weight as {@code (first, second, kH, kW)} and the bias as {@code (filters)}. */
    final void shapeParameters(long first, long second) {
        weight.setShape(new Shape(first, second).addAll(kernelShape));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
    }

    /** The weight parameter, in PyTorch's layout for this kind of block. */
    public Parameter getWeight() {
        return weight;
    }

    /** The bias parameter, or {@code null} when built without one. */
    public Parameter getBias() {
        return bias;
    }

    /**
     * The settings both blocks take; stride 1, padding 0 and a bias unless set.
     *
     * @param <B> the concrete builder, so chained calls keep its own methods
     */
    public abstract static class Builder<B extends Builder<B>> {
        Shape kernelShape;
        Shape stride = new Shape(1, 1);
        Shape padding = new Shape(0, 0);
        long filters = -1;
        boolean bias = true;

        Builder() {}

        abstract B self();

        /** Sets the kernel {@code (kH, kW)}. */
        public B setKernelShape(Shape kernelShape) {
            this.kernelShape = kernelShape;
            return self();
        }

        /** Sets the number of output channels. */
        public B setFilters(long filters) {
            this.filters = filters;
            return self();
        }

        /** Sets the stride {@code (sH, sW)}. */
        public B optStride(Shape stride) {
            this.stride = stride;
            return self();
        }

        /** Sets the padding {@code (pH, pW)}. */
        public B optPadding(Shape padding) {
            this.padding = padding;
            return self();
        }

        /** Adds a bias or not (the DCGAN has none). */
        public B optBias(boolean bias) {
            this.bias = bias;
            return self();
        }

        void checkKernelAndFilters() {
            if (kernelShape == null || kernelShape.dimension() != 2) {
                throw new IllegalArgumentException("kernel shape must be (kH, kW), got " + kernelShape);
            }
            if (filters < 1) {
                throw new IllegalArgumentException("filters must be at least 1, got " + filters);
            }
        }
    }
}

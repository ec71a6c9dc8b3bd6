package org.dcganstudio.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A DJL block equal to {@code torch.nn.ConvTranspose2d} (groups 1, dilation 1), which DJL's PyTorch
 * engine lacks. The weight has PyTorch's layout {@code (in_channels, out_channels, kH, kW)}, so
 * state dicts move between the two unchanged; the arithmetic is {@link TransposedConvolution}.
 *
 * <p>In training every forward re-lays out the weight inside the autograd graph (one op). Outside
 * training the re-laid-out kernel is cached until {@link #invalidateCache()} or the next training
 * forward, since re-laying out a large weight costs more than convolving one image with it.
 */
public final class ConvTranspose2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Shape kernelShape;
    private final Shape stride;
    private final Shape padding;
    private final Shape outputPadding;
    private final long filters;
    private final Parameter weight;
    private final Parameter bias;

    private TransposedConvolution plan;
    private NDArray cachedKernel;
    private Shape cachedFor;

    private ConvTranspose2d(Builder builder) {
        super(VERSION);
        kernelShape = builder.kernelShape;
        stride = builder.stride;
        padding = builder.padding;
        outputPadding = builder.outputPadding;
        filters = builder.filters;
        weight =
                addParameter(
                        Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        bias =
                builder.bias
                        ? addParameter(
                                Parameter.builder()
                                        .setName("bias")
                                        .setType(Parameter.Type.BIAS)
                                        .build())
                        : null;
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
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, input.getDevice(), training);
        TransposedConvolution p = plan(w);
        if (training) {
            invalidateCache();
            return new NDList(p.forward(input, w, b));
        }
        return new NDList(p.apply(input, inferenceKernel(p, w, input.getShape()), b));
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
        weight.setShape(new Shape(inputShapes[0].get(1), filters).addAll(kernelShape));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
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

    /** The weight parameter, {@code (in, out, kH, kW)}. */
    public Parameter getWeight() {
        return weight;
    }

    /** The bias parameter, or {@code null} when built without one. */
    public Parameter getBias() {
        return bias;
    }

    /** Builds {@link ConvTranspose2d} blocks. */
    public static final class Builder {
        private Shape kernelShape;
        private Shape stride = new Shape(1, 1);
        private Shape padding = new Shape(0, 0);
        private Shape outputPadding = new Shape(0, 0);
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

        /** Sets the output padding {@code (oH, oW)}, each smaller than its stride. */
        public Builder optOutputPadding(Shape outputPadding) {
            this.outputPadding = outputPadding;
            return this;
        }

        /** Adds a bias or not (the DCGAN has none). */
        public Builder optBias(boolean bias) {
            this.bias = bias;
            return this;
        }

        /** Builds the block. */
        public ConvTranspose2d build() {
            if (kernelShape == null || kernelShape.dimension() != 2) {
                throw new IllegalArgumentException("kernel shape must be (kH, kW), got " + kernelShape);
            }
            if (filters < 1) {
                throw new IllegalArgumentException("filters must be at least 1, got " + filters);
            }
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

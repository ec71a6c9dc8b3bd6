package org.dcganstudio.core.nn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * What {@link Convolution} and {@link TransposedConvolution} are planned from: the kernel of a 4-D
 * weight, the stride and the padding, read and checked once here, and the manager their index
 * arrays go to. The values are fields of the plan rather than of a record it holds, so that the
 * arithmetic of both subclasses reads them as plain {@code int}s with no accessor in between.
 */
abstract sealed class KernelPlan permits Convolution, TransposedConvolution {

    static final Shape UNIT = new Shape(1, 1);
    static final Shape NONE = new Shape(0, 0);

    final int kernelH;
    final int kernelW;
    final int strideH;
    final int strideW;
    final int padH;
    final int padW;
    final NDManager indexManager;

    /**
     * Reads and checks the geometry.
     *
     * @param operation what the plan computes, for the message about a weight of the wrong rank
     * @param weightLayout the weight's axes in its layout, e.g. {@code (out, in, kH, kW)}
     * @param weightShape the weight shape, kernel {@code (kH, kW)} last
     * @param stride {@code (sH, sW)}, each at least 1
     * @param padding {@code (pH, pW)}, each at least 0
     * @param indexManager the manager (and so the device) that holds the re-layout indices
     */
    KernelPlan(String operation, String weightLayout, Shape weightShape, Shape stride, Shape padding,
            NDManager indexManager) {
        if (weightShape.dimension() != 4) {
            throw new IllegalArgumentException(operation + " weight must be " + weightLayout + ", got " + weightShape);
        }
        kernelH = Math.toIntExact(weightShape.get(2));
        kernelW = Math.toIntExact(weightShape.get(3));
        strideH = Math.toIntExact(stride.get(0));
        strideW = Math.toIntExact(stride.get(1));
        padH = Math.toIntExact(padding.get(0));
        padW = Math.toIntExact(padding.get(1));
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("stride must be at least 1, got " + stride);
        }
        if (padH < 0 || padW < 0) {
            throw new IllegalArgumentException("padding must not be negative, got " + padding);
        }
        this.indexManager = indexManager;
    }
}

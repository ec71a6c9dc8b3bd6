package org.dcganstudio.core.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code torch.nn.BatchNorm2d} with PyTorch's defaults (momentum 0.1, eps 1e-5): one native
 * {@code batch_norm} call that normalises over channel axis 1 and, in training, updates the
 * running statistics in place.
 *
 * <p>DJL's own {@code BatchNorm} reaches the same kernel only for axis −1 and wraps every other
 * axis in two transposes and a sub-manager per call; this block calls the kernel directly. It also
 * counts {@code num_batches_tracked}, which PyTorch state dicts carry.
 */
public final class BatchNorm2d extends AbstractBlock {

    /** PyTorch's default running-statistics momentum. */
    public static final double MOMENTUM = 0.1;
    /** PyTorch's default epsilon. */
    public static final double EPSILON = 1e-5;

    private static final byte VERSION = 1;

    private final Parameter gamma;
    private final Parameter beta;
    private final Parameter runningMean;
    private final Parameter runningVar;
    private long batchesTracked;

    /** Creates a batch-norm block; the channel count comes from the first input. */
    public BatchNorm2d() {
        super(VERSION);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
        runningMean =
                addParameter(
                        Parameter.builder()
                                .setName("runningMean")
                                .setType(Parameter.Type.RUNNING_MEAN)
                                .optRequiresGrad(false)
                                .build());
        runningVar =
                addParameter(
                        Parameter.builder()
                                .setName("runningVar")
                                .setType(Parameter.Type.RUNNING_VAR)
                                .optRequiresGrad(false)
                                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore,
            NDList inputs,
            boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        PtNDArray g = (PtNDArray) parameterStore.getValue(gamma, x.getDevice(), training);
        PtNDArray b = (PtNDArray) parameterStore.getValue(beta, x.getDevice(), training);
        PtNDArray mean = (PtNDArray) parameterStore.getValue(runningMean, x.getDevice(), training);
        PtNDArray var = (PtNDArray) parameterStore.getValue(runningVar, x.getDevice(), training);
        if (training) {
            batchesTracked++;
        }
        // JniUtils names its parameters (gamma, beta, mean, var) but forwards them positionally to
        // the native (running_mean, running_var, weight, bias), as PtNDArrayEx does.
        return new NDList(JniUtils.batchNorm((PtNDArray) x, mean, var, g, b, training, MOMENTUM, EPSILON));
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        Shape channels = new Shape(inputShapes[0].get(1));
        gamma.setShape(channels);
        beta.setShape(channels);
        runningMean.setShape(channels);
        runningVar.setShape(channels);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    /** PyTorch's {@code num_batches_tracked}: how many training batches updated the statistics. */
    public long getBatchesTracked() {
        return batchesTracked;
    }

    /** Restores {@code num_batches_tracked}, from a checkpoint or a state dict. */
    public void setBatchesTracked(long batchesTracked) {
        this.batchesTracked = batchesTracked;
    }

    /** The scale, PyTorch's {@code weight}. */
    public Parameter getGamma() {
        return gamma;
    }

    /** The shift, PyTorch's {@code bias}. */
    public Parameter getBeta() {
        return beta;
    }

    /** The running mean. */
    public Parameter getRunningMean() {
        return runningMean;
    }

    /** The running variance. */
    public Parameter getRunningVar() {
        return runningVar;
    }
}

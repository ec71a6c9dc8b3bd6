package org.dcganstudio.core.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.List;
import org.dcganstudio.core.model.StateEntry;

/**
 * {@code torch.optim.Adam} (no weight decay, no amsgrad) on DJL's fused native update: one JNI call
 * per parameter that updates the moments and the weight in place.
 *
 * <p>DJL's kernel computes {@code w −= lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε)} while PyTorch divides
 * by {@code √v/√(1−β2ᵗ) + ε}; passing {@code ε·√(1−β2ᵗ)} makes the two identical. Gradient arrays
 * are fetched once and reused: PyTorch accumulates into the same tensor in place, and DJL's
 * {@code getGradient()} would otherwise leave a new wrapper on the weights' manager every step.
 */
public final class AdamOptimizer implements AutoCloseable {

    private final List<StateEntry> params;
    private final PtNDArray[] means;
    private final PtNDArray[] variances;
    private final PtNDArray[] grads;
    private final NDManager manager;
    private final float beta1;
    private final float beta2;
    private final float epsilon;
    private volatile float learningRate;
    private long steps;

    /**
     * Creates an optimizer with zero moments.
     *
     * @param params the trainable entries it updates
     * @param manager a manager on the parameters' device for the moments
     */
    public AdamOptimizer(List<StateEntry> params, NDManager manager, float learningRate, float beta1, float beta2,
            float epsilon) {
        this.params = List.copyOf(params);
        this.manager = manager.newSubManager();
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        int n = this.params.size();
        means = new PtNDArray[n];
        variances = new PtNDArray[n];
        grads = new PtNDArray[n];
        for (int i = 0; i < n; i++) {
            NDArray w = this.params.get(i).array();
            means[i] = (PtNDArray) this.manager.zeros(w.getShape(), w.getDataType());
            variances[i] = (PtNDArray) this.manager.zeros(w.getShape(), w.getDataType());
        }
    }

    /** Zeroes the gradients of every parameter (those that have one yet). */
    public void zeroGrad() {
        for (int i = 0; i < grads.length; i++) {
            if (gradient(i) != null) {
                JniUtils.zeroGrad((PtNDArray) params.get(i).array());
            }
        }
    }

    /** One Adam step on the accumulated gradients. */
    public void step() {
        steps++;
        double c1 = 1 - Math.pow(beta1, steps);
        double c2 = 1 - Math.pow(beta2, steps);
        float lr = learningRate;
        float stepSize = (float) (lr * Math.sqrt(c2) / c1);
        float eps = (float) (epsilon * Math.sqrt(c2));
        for (int i = 0; i < grads.length; i++) {
            PtNDArray g = gradient(i);
            if (g == null) {
                continue;
            }
            JniUtils.adamUpdate((PtNDArray) params.get(i).array(), g, means[i], variances[i], lr, stepSize, 0f, 1f,
                    -1f, beta1, beta2, eps, false);
        }
    }

    private PtNDArray gradient(int i) {
        if (grads[i] == null) {
            PtNDArray w = (PtNDArray) params.get(i).array();
            PtNDArray g = JniUtils.getGradient(w);
            if (g != null) {
                g.attach(manager);
                grads[i] = g;
            }
        }
        return grads[i];
    }

    /** The parameters, in the order of {@link #means()} and {@link #variances()}. */
    public List<StateEntry> params() {
        return params;
    }

    /** First moments (PyTorch's {@code exp_avg}), live arrays. */
    public NDArray[] means() {
        return means.clone();
    }

    /** Second moments (PyTorch's {@code exp_avg_sq}), live arrays. */
    public NDArray[] variances() {
        return variances.clone();
    }

    /** Steps taken (PyTorch's per-parameter {@code step}). */
    public long steps() {
        return steps;
    }

    /** Restores the step count, with the moments set through {@link #means()}/{@link #variances()}. */
    public void setSteps(long steps) {
        this.steps = steps;
    }

    /** The current learning rate. */
    public float learningRate() {
        return learningRate;
    }

    /** Changes the learning rate from the next step on; safe from any thread. */
    public void setLearningRate(float learningRate) {
        if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
        }
        this.learningRate = learningRate;
    }

    @Override
    public void close() {
        manager.close();
    }
}

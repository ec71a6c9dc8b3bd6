package org.dcganstudio.core.training;

/**
 * Adam settings of a run; the paper's are lr 2e-4 and β1 0.5 for both networks.
 *
 * @param lrG generator learning rate
 * @param lrD discriminator learning rate
 * @param beta1 Adam β1
 * @param beta2 Adam β2
 * @param epsilon Adam ε (PyTorch's placement)
 */
public record OptimizerSettings(float lrG, float lrD, float beta1, float beta2, float epsilon) {

    // The paper's values as constants too: the CLI's help text can only be built from constants.
    /** The paper's learning rate of G and D. */
    public static final float PAPER_LR = 2e-4f;
    /** {@link #PAPER_LR} as people write it ("2e-4", not Java's "2.0E-4"), for help texts and the form. */
    public static final String PAPER_LR_TEXT = "2e-4";
    /** The paper's Adam β1. */
    public static final float PAPER_BETA1 = 0.5f;

    /** lr 2e-4, betas (0.5, 0.999), ε 1e-8. */
    public static final OptimizerSettings PAPER = new OptimizerSettings(PAPER_LR, PAPER_LR, PAPER_BETA1, 0.999f, 1e-8f);

    public OptimizerSettings {
        positive("lr G", lrG);
        positive("lr D", lrD);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        positive("epsilon", epsilon);
    }

    /** The same settings with one learning rate for both networks. */
    public static OptimizerSettings of(float lr, float beta1) {
        positive("lr", lr); // named as the caller gave it: one lr, not "lr G"
        return new OptimizerSettings(lr, lr, beta1, PAPER.beta2(), PAPER.epsilon());
    }

    private static void positive(String name, float v) {
        if (!(v > 0) || Float.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }
}

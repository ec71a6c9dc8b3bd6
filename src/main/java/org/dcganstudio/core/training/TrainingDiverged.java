package org.dcganstudio.core.training;

/**
 * Thrown when a loss, or a weight or batch-norm statistic about to be checkpointed, turns NaN or
 * infinite: training stops, no checkpoint of the broken state is written, and the message names
 * the last good checkpoint (or says that none was kept).
 */
public final class TrainingDiverged extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with a message that says what happened and what to do. */
    public TrainingDiverged(String message) {
        super(message);
    }
}

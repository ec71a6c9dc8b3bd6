package org.dcganstudio.core.training;

/** Thrown when a loss turns NaN or infinite: training stops and the last good checkpoint stays. */
public final class TrainingDiverged extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the error with a message that says what happened and what to do. */
    public TrainingDiverged(String message) {
        super(message);
    }
}

package org.dcganstudio.core.session;

/** Where a training session stands. */
public enum SessionState {
    /** No run loaded. */
    IDLE,
    /** Opening the data set and building the models. */
    STARTING,
    /** Training. */
    RUNNING,
    /** Holding between two steps. */
    PAUSED,
    /** Stopped before its total; the final checkpoint is written. */
    STOPPED,
    /** Reached its total. */
    FINISHED,
    /** Ended by an error; see {@link SessionSnapshot#failure()}. */
    FAILED,
    /** Showing a run directory another process writes (the CLI, a synced GPU server), read-only. */
    FOLLOWING;

    /** True while a run holds the models. */
    public boolean active() {
        return this == STARTING || this == RUNNING || this == PAUSED;
    }
}

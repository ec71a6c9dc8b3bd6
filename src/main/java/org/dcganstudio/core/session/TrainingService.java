package org.dcganstudio.core.session;

import org.dcganstudio.core.render.GeneratorWeights;

/**
 * What the studio asks of its training: commands in, snapshots and generator copies out. {@link
 * TrainingSession} is the threaded implementation; ViewModels depend on this interface so their
 * tests can drive one that publishes the snapshots the test chooses, on the test's thread.
 */
public interface TrainingService extends SnapshotSource, AutoCloseable {

    /** Hands a command to the training; returns at once, before it is acted on. */
    void send(SessionCommand command);

    /**
     * The newest copy of the generator published on {@link SessionCommand.ShareGenerator} or every
     * {@link SessionCommand.ShareGeneratorEvery} steps, or null.
     */
    GeneratorWeights sharedGenerator();

    /** The latents of the current run's sample grids ({@code count·nz}), or null before a run. */
    float[] fixedNoise();

    /** Ends any run (its final checkpoint written unless {@link SessionCommand.Abandon} was sent first). */
    @Override
    void close();
}

package org.dcganstudio.core.session;

import java.nio.file.Path;
import org.dcganstudio.core.training.TrainConfig;

/** What the UI asks the training thread to do; sent through {@link TrainingService#send}. */
public sealed interface SessionCommand {

    /** Starts a new run in {@code runDir} (which must not hold one yet). */
    record Start(TrainConfig config, Path runDir) implements SessionCommand {}

    /** Continues the run of {@code runDir} from its latest checkpoint; {@code total} 0 keeps its own. */
    record Resume(Path runDir, long total) implements SessionCommand {}

    /** Holds between two steps. */
    record Pause() implements SessionCommand {}

    /** Carries on after a pause. */
    record Continue() implements SessionCommand {}

    /** Runs exactly one step, then holds (from a pause or while running). */
    record Step() implements SessionCommand {}

    /** Ends the run, writing a final checkpoint. */
    record Stop() implements SessionCommand {}

    /** Ends the run without writing anything more (quitting without saving). */
    record Abandon() implements SessionCommand {}

    /** Writes a checkpoint now. */
    record Save() implements SessionCommand {}

    /** Changes the learning rates from the next step on. */
    record SetLearningRates(float lrG, float lrD) implements SessionCommand {}

    /** Waits {@code millis} between steps (0 turns slow motion off). */
    record SlowMotion(int millis) implements SessionCommand {}

    /** Publishes a copy of the generator now (when a run is active), for exploring. */
    record ShareGenerator() implements SessionCommand {}

    /** Also publishes a copy every {@code steps} steps while training runs; 0 stops that. */
    record ShareGeneratorEvery(int steps) implements SessionCommand {}
}

package org.dcganstudio.core.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dcganstudio.core.training.TrainConfig;

/**
 * What the training thread last published: everything a view shows, immutable, so the UI can read
 * it at its own pace and skip versions it had no time for.
 *
 * @param version increases with every publication
 * @param state where the session stands
 * @param runDir the run's directory, or null when idle
 * @param config the run's settings (learning rates as changed so far), or null
 * @param step steps done
 * @param total the run's total steps
 * @param stepsPerEpoch steps in an epoch (0 before the data set is open)
 * @param imagesPerS recent throughput
 * @param etaSeconds estimated seconds to the total
 * @param metrics every metrics row so far
 * @param grid the latest sample grid, or null
 * @param gridSteps steps of every sample grid written so far, ascending
 * @param checkpoints every checkpoint written in this run directory, oldest first
 * @param message the latest event line (file written, learning rate changed ...)
 * @param failure why the run failed, when {@code state} is FAILED
 * @param slowMotionMillis pause between steps in slow motion, 0 when off
 */
public record SessionSnapshot(long version, SessionState state, Path runDir, TrainConfig config, long step,
        long total, int stepsPerEpoch, double imagesPerS, double etaSeconds, MetricsSeries metrics, SampleGrid grid,
        List<Long> gridSteps, List<Path> checkpoints, String message, Failure failure, int slowMotionMillis) {

    /** Before any run. */
    public static final SessionSnapshot IDLE = new SessionSnapshot(0, SessionState.IDLE, null, null, 0, 0, 0, 0, 0,
            MetricsSeries.EMPTY, null, List.of(), List.of(), "", null, 0);

    public SessionSnapshot {
        gridSteps = List.copyOf(gridSteps);
        checkpoints = List.copyOf(checkpoints);
    }

    /** The epoch the next step falls in (0-based). */
    public long epoch() {
        return stepsPerEpoch == 0 ? 0 : step / stepsPerEpoch;
    }

    /** Fraction of the current epoch done, in [0, 1]. */
    public double epochProgress() {
        return stepsPerEpoch == 0 ? 0 : (double) (step % stepsPerEpoch) / stepsPerEpoch;
    }

    /** The failure, if the run failed. */
    public Optional<Failure> failed() {
        return Optional.ofNullable(failure);
    }
}

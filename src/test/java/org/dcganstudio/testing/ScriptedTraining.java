package org.dcganstudio.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.session.Failure;
import org.dcganstudio.core.session.MetricsSeries;
import org.dcganstudio.core.session.SampleGrid;
import org.dcganstudio.core.session.SessionCommand;
import org.dcganstudio.core.session.SessionSnapshot;
import org.dcganstudio.core.session.SessionState;
import org.dcganstudio.core.session.TrainingService;
import org.dcganstudio.core.training.TrainConfig;

/**
 * A {@link TrainingService} the test scripts, on the test's thread: it records the commands sent
 * and publishes the snapshots the test describes, so a ViewModel's answer to each is checked
 * without a training thread, sleeps or polling. What the real session makes of the commands is
 * tested on {@code TrainingSession} itself.
 */
public final class ScriptedTraining implements TrainingService {

    private final List<SessionCommand> sent = new ArrayList<>();
    private SessionSnapshot latest = SessionSnapshot.IDLE;
    private float[] fixedNoise;
    private boolean closed;

    @Override
    public void send(SessionCommand command) {
        if (closed) {
            throw new IllegalStateException("the training session is closed");
        }
        sent.add(command);
    }

    /** The commands sent since the last call, oldest first. */
    public List<SessionCommand> takeSent() {
        List<SessionCommand> taken = List.copyOf(sent);
        sent.clear();
        return taken;
    }

    @Override
    public SessionSnapshot latest() {
        return latest;
    }

    /**
     * Publishes the next snapshot: the last one as {@code edit} changes it, one version on, as the
     * session keeps what a publication does not change.
     */
    public void publish(UnaryOperator<Draft> edit) {
        latest = edit.apply(new Draft(latest)).build(latest.version() + 1);
    }

    /** The grid latents the run would have; null before a run. */
    public void setFixedNoise(float[] noise) {
        fixedNoise = noise;
    }

    @Override
    public GeneratorWeights sharedGenerator() {
        return null;
    }

    @Override
    public float[] fixedNoise() {
        return fixedNoise == null ? null : fixedNoise.clone();
    }

    @Override
    public void close() {
        closed = true;
    }

    /** A snapshot being written; starts as a copy of the last one. */
    public static final class Draft {
        private SessionState state;
        private Path runDir;
        private TrainConfig config;
        private long step;
        private long total;
        private int stepsPerEpoch;
        private double imagesPerS;
        private double etaSeconds;
        private MetricsSeries metrics;
        private SampleGrid grid;
        private List<Long> gridSteps;
        private List<Path> checkpoints;
        private String message;
        private Failure failure;

        private Draft(SessionSnapshot s) {
            state = s.state();
            runDir = s.runDir();
            config = s.config();
            step = s.step();
            total = s.total();
            stepsPerEpoch = s.stepsPerEpoch();
            imagesPerS = s.imagesPerS();
            etaSeconds = s.etaSeconds();
            metrics = s.metrics();
            grid = s.grid();
            gridSteps = s.gridSteps();
            checkpoints = s.checkpoints();
            message = s.message();
            failure = s.failure();
        }

        /** A run of {@code config} in {@code runDir}, in {@code state}. */
        public Draft run(SessionState state, Path runDir, TrainConfig config) {
            this.state = state;
            this.runDir = runDir;
            this.config = config;
            return this;
        }

        public Draft state(SessionState state) {
            this.state = state;
            return this;
        }

        public Draft config(TrainConfig config) {
            this.config = config;
            return this;
        }

        /** Where the run is: its step, total and steps per epoch. */
        public Draft at(long step, long total, int stepsPerEpoch) {
            this.step = step;
            this.total = total;
            this.stepsPerEpoch = stepsPerEpoch;
            return this;
        }

        public Draft speed(double imagesPerS, double etaSeconds) {
            this.imagesPerS = imagesPerS;
            this.etaSeconds = etaSeconds;
            return this;
        }

        public Draft metrics(MetricsSeries metrics) {
            this.metrics = metrics;
            return this;
        }

        /** The newest grid, and the steps of every grid so far. */
        public Draft grids(SampleGrid grid, List<Long> gridSteps) {
            this.grid = grid;
            this.gridSteps = gridSteps;
            return this;
        }

        public Draft checkpoints(List<Path> checkpoints) {
            this.checkpoints = checkpoints;
            return this;
        }

        public Draft message(String message) {
            this.message = message;
            return this;
        }

        public Draft failure(Failure failure) {
            this.failure = failure;
            return this;
        }

        private SessionSnapshot build(long version) {
            return new SessionSnapshot(version, state, runDir, config, step, total, stepsPerEpoch, imagesPerS,
                    etaSeconds, metrics, grid, gridSteps, checkpoints, message, failure, 0);
        }
    }
}

package org.dcganstudio.app.train;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javax.imageio.ImageIO;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.FileWrites;
import org.dcganstudio.app.Pixels;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.session.Failure;
import org.dcganstudio.core.session.MetricsSeries;
import org.dcganstudio.core.session.RunFollower;
import org.dcganstudio.core.session.SampleGrid;
import org.dcganstudio.core.session.SessionCommand;
import org.dcganstudio.core.session.SessionSnapshot;
import org.dcganstudio.core.session.SessionState;
import org.dcganstudio.core.session.TrainingService;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.RunHistory;
import org.dcganstudio.core.training.TrainConfig;

/**
 * The Train view's state and commands. Commands go to the {@link TrainingService} queue and return
 * at once; {@link #refresh()} (called by the view at most 30 times a second) copies the session's
 * latest snapshot into properties, skipping it when nothing changed, so a fast trainer never floods
 * the UI and a slow UI never holds the trainer up.
 */
public final class TrainViewModel {

    private final TrainingService session;
    private final BackgroundTasks tasks;
    private final Supplier<Path> newRunDir;
    private final HyperParameters form = new HyperParameters();
    private final DatasetChoice dataset;

    private final ReadOnlyObjectWrapper<SessionState> state = new ReadOnlyObjectWrapper<>(SessionState.IDLE);
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper epoch = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper epochProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper imagesPerS = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> runDir = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChartData> metrics = new ReadOnlyObjectWrapper<>(ChartData.EMPTY);
    private final ReadOnlyObjectWrapper<GridPixels> grid = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("ready");
    private final ObservableList<Long> gridSteps = FXCollections.observableArrayList();
    private final ObservableList<Path> checkpoints = FXCollections.observableArrayList();
    // Read-only views made once: a wrapper made per call listens weakly and would lose its listeners.
    private final ObservableList<Long> gridStepsView = FXCollections.unmodifiableObservableList(gridSteps);
    private final ObservableList<Path> checkpointsView = FXCollections.unmodifiableObservableList(checkpoints);
    private final ReadOnlyObjectWrapper<ErrorReport> failure = new ReadOnlyObjectWrapper<>();
    private MetricsSeries seenMetrics = MetricsSeries.EMPTY;
    private final BooleanProperty slowMotion = new SimpleBooleanProperty(false);
    private final BooleanProperty smoothing = new SimpleBooleanProperty(true);
    private final StringProperty lrG = new SimpleStringProperty("2e-4");
    private final StringProperty lrD = new SimpleStringProperty("2e-4");
    private final ReadOnlyStringWrapper lrError = new ReadOnlyStringWrapper("");
    /** The grid step shown when scrubbing the timeline; null follows the newest grid. */
    private final ReadOnlyObjectWrapper<Long> shownGridStep = new ReadOnlyObjectWrapper<>();

    private final BooleanBinding active;
    private final BooleanBinding canStart;
    private final BooleanBinding canPause;
    private final BooleanBinding canResume;

    private long seenVersion = -1;
    /** Where snapshots come from: the session, or a run directory another process writes. */
    private Supplier<SessionSnapshot> source;
    private RunFollower follower;
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(false);
    private SampleGrid liveGrid;
    private Failure shownFailure;
    private OptimizerSettings seenOptimizer;

    /** How often a followed run directory is read. */
    static final java.time.Duration FOLLOW_INTERVAL = java.time.Duration.ofMillis(500);
    /** A run written to within this time is taken to have a writer. */
    static final java.time.Duration WRITER_QUIET = java.time.Duration.ofSeconds(10);

    /** Slow motion waits this long between steps. */
    public static final int SLOW_MOTION_MILLIS = 400;

    /**
     * @param session the training thread
     * @param tasks runs file and data work off the UI thread
     * @param cache where public data sets are found
     * @param newRunDir the directory of the next new run
     */
    public TrainViewModel(TrainingService session, BackgroundTasks tasks, DatasetCache cache, Supplier<Path> newRunDir) {
        this.session = session;
        this.tasks = tasks;
        this.newRunDir = newRunDir;
        this.dataset = new DatasetChoice(tasks, cache);
        this.source = session::latest;
        active = Bindings.createBooleanBinding(() -> state.get().active(), state);
        canStart = active.not().and(form.validProperty()).and(dataset.busyProperty().not())
                .and(dataset.countProperty().greaterThan(0)).and(dataset.errorProperty().isEmpty());
        canPause = Bindings.createBooleanBinding(() -> state.get() == SessionState.RUNNING, state);
        canResume = Bindings.createBooleanBinding(() -> state.get() == SessionState.PAUSED, state);
        slowMotion.addListener((obs, was, on) -> session.send(new SessionCommand.SlowMotion(on ? SLOW_MOTION_MILLIS : 0)));
        dataset.specProperty().addListener((obs, old, now) -> inspectDataset());
        form.field("image size").textProperty().addListener((obs, old, now) -> inspectDataset());
        form.field("channels").textProperty().addListener((obs, old, now) -> inspectDataset());
    }

    /** Opens the chosen data set at the form's image size and channels, for its count and preview. */
    public void inspectDataset() {
        try {
            int size = Integer.parseInt(form.field("image size").textProperty().get().strip());
            int channels = Integer.parseInt(form.field("channels").textProperty().get().strip());
            if (form.field("image size").errorProperty().get().isEmpty()
                    && form.field("channels").errorProperty().get().isEmpty()) {
                dataset.inspect(size, channels);
            }
        } catch (NumberFormatException e) {
            // The form shows what is wrong with the field; nothing to inspect until it is fixed.
        }
    }

    // --- commands -------------------------------------------------------------------------

    /** Starts a new run with the form's settings on the chosen data set. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        TrainConfig config;
        try {
            config = form.toConfig(dataset.specProperty().get(), dataset.countProperty().get());
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        Path dir = newRunDir.get();
        stopFollowing();
        lrG.set(Float.toString(config.optimizer().lrG()));
        lrD.set(Float.toString(config.optimizer().lrD()));
        failure.set(null);
        shownGridStep.set(null);
        session.send(new SessionCommand.Start(config, dir));
    }

    /** Continues a run directory from its latest checkpoint. */
    public void resumeRun(Path dir) {
        if (active.get()) {
            message.set("a run is in progress: stop it before opening another");
            return;
        }
        stopFollowing();
        failure.set(null);
        shownGridStep.set(null);
        session.send(new SessionCommand.Resume(dir, 0));
    }

    /**
     * Shows a run directory another process writes (the CLI, a synced GPU server) and follows it
     * as it grows; nothing is written into it.
     */
    public void follow(Path dir) {
        if (active.get()) {
            message.set("a run is in progress: stop it before opening another");
            return;
        }
        tasks.run(() -> new RunFollower(dir, FOLLOW_INTERVAL), f -> {
            stopFollowing();
            follower = f;
            source = f::latest;
            seenVersion = -1;
            shownGridStep.set(null);
            following.set(true);
            message.set("following " + dir + " (read-only)");
        }, e -> message.set("could not open " + dir + ": " + e.getMessage()));
    }

    /** Trains the followed run here, from its latest checkpoint, unless another process still writes it. */
    public void continueFollowedRun() {
        RunFollower f = follower;
        if (f == null) {
            return;
        }
        if (f.recentlyWritten(WRITER_QUIET)) {
            message.set(f.runDir() + " is still being written by another process; continue it there, or wait until "
                    + "it stops");
            return;
        }
        resumeRun(f.runDir());
    }

    private void stopFollowing() {
        if (follower != null) {
            follower.close();
            follower = null;
        }
        following.set(false);
        source = session::latest;
        seenVersion = -1;
    }

    /** Stops following a run directory, if one is followed. */
    public void close() {
        stopFollowing();
    }

    /**
     * Continues the run from an earlier checkpoint, paused there; what came after it is kept in
     * the run's {@code rolled-back/} folder.
     */
    public void rollBackTo(Path checkpoint) {
        Path dir = runDir.get();
        if (!readyForHistory(dir)) {
            return;
        }
        tasks.run(() -> RunHistory.rollBack(dir, checkpoint), archive -> {
            resumeRun(dir);
            pause();
            message.set("rolled back to " + checkpoint.getFileName()
                    + (archive == null ? "" : "; later files kept in " + archive));
        }, e -> message.set("could not roll back: " + e.getMessage()));
    }

    /** Starts a new run directory from a checkpoint of this run (paused there); this run stays as it is. */
    public void branchFrom(Path checkpoint) {
        Path dir = runDir.get();
        if (!readyForHistory(dir)) {
            return;
        }
        Path branch = newRunDir.get();
        tasks.run(() -> RunHistory.branch(dir, checkpoint, branch), created -> {
            resumeRun(created);
            pause();
            message.set("branched " + created + " from " + dir.getFileName() + " at " + checkpoint.getFileName());
        }, e -> message.set("could not branch: " + e.getMessage()));
    }

    private boolean readyForHistory(Path dir) {
        if (dir == null) {
            return false;
        }
        if (active.get()) {
            message.set("stop the run before rolling back or branching");
            return false;
        }
        return true;
    }

    /** Shows the grid recorded at a checkpoint's step, if there is one. */
    public void showCheckpoint(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        if (name.matches("step-\\d+\\.ckpt")) {
            long at = Long.parseLong(name.substring(5, name.indexOf('.')));
            if (gridSteps.contains(at)) {
                showGrid(at);
            }
        }
    }

    /** Where a sample clicked in the grid goes: the Explore section. */
    @FunctionalInterface
    public interface SampleTarget {
        /**
         * @param latent the sample's latent vector
         * @param runDir the run it comes from
         * @param live whether that run is training in this studio now (else its checkpoints hold it)
         */
        void explore(float[] latent, Path runDir, boolean live);
    }

    private SampleTarget sampleTarget = (z, dir, live) -> { };
    private Runnable evolutionGif = () -> { };

    /** Sets what "export the grids as a GIF" opens (the Export section, on this run). */
    public void setEvolutionGifTarget(Runnable target) {
        evolutionGif = target;
    }

    /** Asks for this run's evolution GIF. */
    public void requestEvolutionGif() {
        if (runDir.get() != null) {
            evolutionGif.run();
        }
    }

    /**
     * Writes the grid on show (live or picked on the timeline) as a PNG enlarged {@code scale}
     * times, in the background; the message says where it went or why not.
     */
    public void exportGridPng(Path file, int scale) {
        GridPixels shown = grid.get();
        if (shown == null) {
            message.set("no grid to save yet");
            return;
        }
        Pixels pixels = new Pixels(shown.width(), shown.height(), shown.argb());
        FileWrites.inBackground(tasks, file, f -> pixels.writePng(f, scale), message::set,
                "saved step " + shown.step() + " as");
    }

    /** Sets where clicked samples go. */
    public void setSampleTarget(SampleTarget target) {
        sampleTarget = target;
    }

    /**
     * Sends grid sample {@code index} to Explore: its latent is the run's fixed noise row, the same
     * at every step, so a sample picked on the timeline is the newest generator's take on it.
     */
    public void exploreSample(int index) {
        Path dir = runDir.get();
        SessionSnapshot s = source.get();
        if (grid.get() == null || dir == null || s.config() == null || index < 0) {
            return;
        }
        int nz = s.config().model().nz();
        float[] live = following.get() || !active.get() ? null : session.fixedNoise();
        if (live != null) {
            sendSample(live, nz, index, dir, true);
            return;
        }
        tasks.run(() -> Checkpoint.read(dir).fixedNoise(), noise -> sendSample(noise, nz, index, dir, false),
                e -> message.set("could not read the sample's latent: " + e.getMessage()));
    }

    private void sendSample(float[] noise, int nz, int index, Path dir, boolean live) {
        if ((index + 1) * nz > noise.length) {
            return;
        }
        sampleTarget.explore(Vectors.row(noise, nz, index), dir, live);
        message.set("sample " + (index + 1) + " sent to Explore");
    }

    /** Holds between steps. */
    public void pause() {
        session.send(new SessionCommand.Pause());
    }

    /** Carries on after a pause. */
    public void resume() {
        session.send(new SessionCommand.Continue());
    }

    /** Pauses if running, carries on if paused: the Space key. */
    public void togglePause() {
        if (state.get() == SessionState.RUNNING) {
            pause();
        } else if (state.get() == SessionState.PAUSED) {
            resume();
        } else {
            start();
        }
    }

    /** One step, then hold. */
    public void step() {
        if (active.get()) {
            session.send(new SessionCommand.Step());
        }
    }

    /** Ends the run, writing a final checkpoint. */
    public void stop() {
        if (active.get()) {
            session.send(new SessionCommand.Stop());
        }
    }

    /** Writes a checkpoint now. */
    public void save() {
        if (active.get()) {
            session.send(new SessionCommand.Save());
        }
    }

    /** Sends the learning-rate fields to the running run, after checking them. */
    public void applyLearningRates() {
        OptimizerSettings rates;
        try {
            // The record the run's rates go into checks them, so the editor and the run agree on what is valid.
            rates = new OptimizerSettings(rate("lr G", lrG), rate("lr D", lrD), OptimizerSettings.PAPER.beta1(),
                    OptimizerSettings.PAPER.beta2(), OptimizerSettings.PAPER.epsilon());
        } catch (IllegalArgumentException e) {
            lrError.set(e.getMessage());
            return;
        }
        lrError.set("");
        session.send(new SessionCommand.SetLearningRates(rates.lrG(), rates.lrD()));
    }

    private static float rate(String name, StringProperty text) {
        String v = text.get().strip();
        try {
            return Float.parseFloat(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + v + "'");
        }
    }

    /** Shows the grid of {@code gridStep} (read from the run directory in the background). */
    public void showGrid(long gridStep) {
        Path dir = runDir.get();
        if (dir == null) {
            return;
        }
        if (liveGrid != null && liveGrid.step() == gridStep) {
            followLiveGrid();
            return;
        }
        shownGridStep.set(gridStep);
        int tile = currentTile();

        tasks.run(() -> SampleGrid.read(dir, gridStep, tile), g -> {
            Long wanted = shownGridStep.get();
            if (wanted != null && wanted == gridStep) {
                grid.set(GridPixels.of(g));
            }
        }, e -> message.set("could not read the grid of step " + gridStep + ": " + e.getMessage()));
    }

    /** Goes back to showing each new grid as it comes. */
    public void followLiveGrid() {
        shownGridStep.set(null);
        grid.set(GridPixels.of(liveGrid));
    }

    /** The view has shown the failure dialog. */
    public void acknowledgeFailure() {
        failure.set(null);
    }

    private int currentTile() {
        if (liveGrid != null) {
            return liveGrid.tile();
        }
        GridPixels shown = grid.get();
        return shown != null ? shown.tile() : Integer.parseInt(form.field("image size").textProperty().get());
    }

    // --- pulling the session's state ------------------------------------------------------

    /** Copies the session's latest snapshot into the properties; cheap when nothing changed. */
    public void refresh() {
        SessionSnapshot s = source.get();
        if (s.version() == seenVersion) {
            return;
        }
        seenVersion = s.version();
        state.set(s.state());
        stateText.set(s.state().name().toLowerCase(Locale.ROOT));
        step.set(s.step());
        total.set(s.total());
        epoch.set(s.epoch());
        epochProgress.set(s.epochProgress());
        runProgress.set(s.total() == 0 ? 0 : (double) s.step() / s.total());
        imagesPerS.set(s.imagesPerS());
        eta.set(s.state() == SessionState.RUNNING && s.imagesPerS() > 0 ? duration(s.etaSeconds()) : "");
        if (!s.message().isEmpty()) {
            message.set(s.message());
        }
        runDir.set(s.runDir());
        if (s.metrics() != seenMetrics) {
            seenMetrics = s.metrics();
            metrics.set(new ChartData(seenMetrics));
        }
        if (s.grid() != liveGrid) {
            liveGrid = s.grid();
            if (shownGridStep.get() == null) {
                grid.set(GridPixels.of(liveGrid));
            }
        }
        if (!gridSteps.equals(s.gridSteps())) {
            List<Long> steps = s.gridSteps();
            if (steps.size() > gridSteps.size() && steps.subList(0, gridSteps.size()).equals(gridSteps)) {
                gridSteps.addAll(steps.subList(gridSteps.size(), steps.size()));
            } else {
                gridSteps.setAll(steps);
            }
        }
        if (!checkpoints.equals(s.checkpoints())) {
            checkpoints.setAll(s.checkpoints());
        }
        if (s.failure() != null && s.failure() != shownFailure) {
            shownFailure = s.failure();
            failure.set(new ErrorReport(s.failure().title(), s.failure().detail(), s.failure().advice()));
        }
        // Show the learning rates the run uses when they change (a new run, or a change applied),
        // without overwriting what the user is typing in between.
        if (s.config() != null && !s.config().optimizer().equals(seenOptimizer)) {
            seenOptimizer = s.config().optimizer();
            lrG.set(Float.toString(seenOptimizer.lrG()));
            lrD.set(Float.toString(seenOptimizer.lrD()));
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    // --- properties -----------------------------------------------------------------------

    public HyperParameters form() {
        return form;
    }

    public DatasetChoice dataset() {
        return dataset;
    }

    public ReadOnlyObjectProperty<SessionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty epochProperty() {
        return epoch.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty epochProgressProperty() {
        return epochProgress.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty runProgressProperty() {
        return runProgress.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty imagesPerSProperty() {
        return imagesPerS.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return eta.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return runDir.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChartData> metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GridPixels> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    /** The session state in words: ready, starting, running, paused, stopped, finished, failed. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** Steps of every grid recorded, for the timeline slider. */
    public ObservableList<Long> gridSteps() {
        return gridStepsView;
    }

    /** Every checkpoint of the run, oldest first. */
    public ObservableList<Path> checkpoints() {
        return checkpointsView;
    }

    public ReadOnlyObjectProperty<Long> shownGridStepProperty() {
        return shownGridStep.getReadOnlyProperty();
    }

    /**
     * Set when a run fails: title, what happened and what to do, one per line. The view shows a
     * dialog, then calls {@link #acknowledgeFailure()}.
     */
    public ReadOnlyObjectProperty<ErrorReport> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public BooleanProperty slowMotionProperty() {
        return slowMotion;
    }

    public BooleanProperty smoothingProperty() {
        return smoothing;
    }

    public StringProperty lrGProperty() {
        return lrG;
    }

    public StringProperty lrDProperty() {
        return lrD;
    }

    public ReadOnlyStringProperty lrErrorProperty() {
        return lrError.getReadOnlyProperty();
    }

    /** True while showing a run directory another process writes. */
    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    public BooleanBinding activeProperty() {
        return active;
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canPauseProperty() {
        return canPause;
    }

    public BooleanBinding canResumeProperty() {
        return canResume;
    }
}

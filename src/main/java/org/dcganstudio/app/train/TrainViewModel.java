package org.dcganstudio.app.train;

import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.data.download.DatasetCache;
import org.dcganstudio.core.session.SessionCommand;
import org.dcganstudio.core.session.SessionSnapshot;
import org.dcganstudio.core.session.SessionState;
import org.dcganstudio.core.session.TrainingService;
import org.dcganstudio.core.training.TrainConfig;

/**
 * The Train view's ViewModel: the training controls, and the parts the view shows composed in one
 * place. Commands go to the {@link TrainingService} and return at once; {@link #refresh()} (called
 * by the view at most 30 times a second) hands the shown run's latest snapshot to the parts,
 * skipping it when nothing changed, so a fast trainer never floods the UI and a slow UI never holds
 * the trainer up.
 */
public final class TrainViewModel {

    /** Slow motion waits this long between steps. */
    public static final int SLOW_MOTION_MILLIS = 400;

    private final TrainingService session;
    private final Supplier<Path> newRunDir;
    private final HyperParameters form = new HyperParameters();
    private final DatasetChoice dataset;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final RunProgress progress = new RunProgress();
    private final GridTimeline timeline;
    private final RunSource source;
    private final CheckpointHistory history;
    private final LearningRateEditor learningRates;
    private final SampleHandOff handOff;
    private final BooleanProperty slowMotion = new SimpleBooleanProperty(false);
    private final BooleanProperty smoothing = new SimpleBooleanProperty(true);
    private final BooleanBinding canStart;

    /**
     * @param session the training
     * @param tasks runs file and data work off the UI thread
     * @param cache where public data sets are found
     * @param newRunDir the directory of the next new run
     */
    public TrainViewModel(TrainingService session, BackgroundTasks tasks, DatasetCache cache, Supplier<Path> newRunDir) {
        this.session = session;
        this.newRunDir = newRunDir;
        this.dataset = new DatasetChoice(tasks, cache);
        BooleanBinding active = progress.activeProperty();
        Supplier<Path> runDir = progress.runDirProperty()::get;
        timeline = new GridTimeline(tasks, runDir,
                () -> Integer.parseInt(form.field("image size").textProperty().get()), message::set);
        source = new RunSource(session, tasks, form, active::get, message::set, () -> {
            progress.clearFailure();
            timeline.stopScrubbing();
        });
        history = new CheckpointHistory(tasks, runDir, newRunDir, active::get, dir -> {
            resumeRun(dir);
            pause();
        }, message::set);
        learningRates = new LearningRateEditor(session::send);
        handOff = new SampleHandOff(tasks, runDir, () -> source.latest().config(),
                () -> timeline.gridProperty().get() != null,
                () -> source.followingProperty().get() || !active.get() ? null : session.fixedNoise(), message::set);
        canStart = active.not().and(form.validProperty()).and(dataset.busyProperty().not())
                .and(dataset.countProperty().greaterThan(0)).and(dataset.errorProperty().isEmpty());
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
        source.showTraining();
        learningRates.reset(config.optimizer());
        session.send(new SessionCommand.Start(config, dir));
    }

    /** Continues a run directory from its latest checkpoint; the form shows its settings. */
    public void resumeRun(Path dir) {
        source.resume(dir);
    }

    /**
     * Shows a run directory another process writes (the CLI, a synced GPU server) and follows it
     * as it grows; nothing is written into it. The form shows its settings.
     */
    public void follow(Path dir) {
        source.follow(dir);
    }

    /** Trains the followed run here, from its latest checkpoint, unless another process still writes it. */
    public void continueFollowedRun() {
        source.continueFollowedRun();
    }

    /** Stops following a run directory, if one is followed. */
    public void close() {
        source.close();
    }

    /** Holds between steps. */
    public void pause() {
        session.send(new SessionCommand.Pause());
    }

    /** Carries on after a pause. */
    public void resume() {
        session.send(new SessionCommand.Continue());
    }

    /** Pauses if running, carries on if paused, else starts: the Space key. */
    public void togglePause() {
        SessionState state = progress.stateProperty().get();
        if (state == SessionState.RUNNING) {
            pause();
        } else if (state == SessionState.PAUSED) {
            resume();
        } else {
            start();
        }
    }

    /** One step, then hold. */
    public void step() {
        sendWhileActive(new SessionCommand.Step());
    }

    /** Ends the run, writing a final checkpoint. */
    public void stop() {
        sendWhileActive(new SessionCommand.Stop());
    }

    /** Writes a checkpoint now. */
    public void save() {
        sendWhileActive(new SessionCommand.Save());
    }

    private void sendWhileActive(SessionCommand command) {
        if (progress.activeProperty().get()) {
            session.send(command);
        }
    }

    /** See {@link CheckpointHistory#rollBackTo}. */
    public void rollBackTo(Path checkpoint) {
        history.rollBackTo(checkpoint);
    }

    /** See {@link CheckpointHistory#branchFrom}. */
    public void branchFrom(Path checkpoint) {
        history.branchFrom(checkpoint);
    }

    /** See {@link GridTimeline#showGrid}. */
    public void showGrid(long gridStep) {
        timeline.showGrid(gridStep);
    }

    /** See {@link GridTimeline#followLiveGrid}. */
    public void followLiveGrid() {
        timeline.followLiveGrid();
    }

    /** See {@link GridTimeline#showCheckpoint}. */
    public void showCheckpoint(Path checkpoint) {
        timeline.showCheckpoint(checkpoint);
    }

    /** See {@link GridTimeline#exportGridPng}. */
    public void exportGridPng(Path file, int scale) {
        timeline.exportGridPng(file, scale);
    }

    /** See {@link SampleHandOff#exploreSample}. */
    public void exploreSample(int index) {
        handOff.exploreSample(index);
    }

    /** See {@link SampleHandOff#setSampleTarget}. */
    public void setSampleTarget(SampleHandOff.SampleTarget target) {
        handOff.setSampleTarget(target);
    }

    /** See {@link SampleHandOff#setEvolutionGifTarget}. */
    public void setEvolutionGifTarget(Runnable target) {
        handOff.setEvolutionGifTarget(target);
    }

    /** See {@link SampleHandOff#requestEvolutionGif}. */
    public void requestEvolutionGif() {
        handOff.requestEvolutionGif();
    }

    /** See {@link LearningRateEditor#apply}. */
    public void applyLearningRates() {
        learningRates.apply();
    }

    /** The view has shown the failure dialog. */
    public void acknowledgeFailure() {
        progress.clearFailure();
    }

    /** Hands the shown run's latest snapshot to the parts; cheap when nothing changed. */
    public void refresh() {
        SessionSnapshot s = source.changed();
        if (s == null) {
            return;
        }
        progress.show(s);
        if (!s.message().isEmpty()) {
            message.set(s.message());
        }
        timeline.show(s);
        history.show(s);
        if (s.config() != null) {
            learningRates.show(s.config().optimizer());
        }
    }

    // --- properties -----------------------------------------------------------------------

    public HyperParameters form() {
        return form;
    }

    public DatasetChoice dataset() {
        return dataset;
    }

    /** The latest event line: a file written, a command refused, what went wrong. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<SessionState> stateProperty() {
        return progress.stateProperty();
    }

    /** See {@link RunProgress#stateTextProperty}. */
    public ReadOnlyStringProperty stateTextProperty() {
        return progress.stateTextProperty();
    }

    public ReadOnlyLongProperty stepProperty() {
        return progress.stepProperty();
    }

    public ReadOnlyLongProperty totalProperty() {
        return progress.totalProperty();
    }

    public ReadOnlyLongProperty epochProperty() {
        return progress.epochProperty();
    }

    public ReadOnlyDoubleProperty epochProgressProperty() {
        return progress.epochProgressProperty();
    }

    public ReadOnlyDoubleProperty runProgressProperty() {
        return progress.runProgressProperty();
    }

    public ReadOnlyDoubleProperty imagesPerSProperty() {
        return progress.imagesPerSProperty();
    }

    public ReadOnlyStringProperty etaProperty() {
        return progress.etaProperty();
    }

    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return progress.runDirProperty();
    }

    public ReadOnlyObjectProperty<ChartData> metricsProperty() {
        return progress.metricsProperty();
    }

    /** See {@link RunProgress#failureProperty}. */
    public ReadOnlyObjectProperty<ErrorReport> failureProperty() {
        return progress.failureProperty();
    }

    public ReadOnlyObjectProperty<GridPixels> gridProperty() {
        return timeline.gridProperty();
    }

    /** See {@link GridTimeline#gridSteps}. */
    public ObservableList<Long> gridSteps() {
        return timeline.gridSteps();
    }

    /** See {@link GridTimeline#shownGridStepProperty}. */
    public ReadOnlyObjectProperty<Long> shownGridStepProperty() {
        return timeline.shownGridStepProperty();
    }

    /** See {@link CheckpointHistory#checkpoints}. */
    public ObservableList<Path> checkpoints() {
        return history.checkpoints();
    }

    public StringProperty lrGProperty() {
        return learningRates.lrGProperty();
    }

    public StringProperty lrDProperty() {
        return learningRates.lrDProperty();
    }

    public ReadOnlyStringProperty lrErrorProperty() {
        return learningRates.errorProperty();
    }

    /** See {@link RunSource#followingProperty}. */
    public ReadOnlyBooleanProperty followingProperty() {
        return source.followingProperty();
    }

    public BooleanProperty slowMotionProperty() {
        return slowMotion;
    }

    public BooleanProperty smoothingProperty() {
        return smoothing;
    }

    /** See {@link RunProgress#activeProperty}. */
    public BooleanBinding activeProperty() {
        return progress.activeProperty();
    }

    public BooleanBinding canStartProperty() {
        return canStart;
    }

    public BooleanBinding canPauseProperty() {
        return progress.canPauseProperty();
    }

    public BooleanBinding canResumeProperty() {
        return progress.canResumeProperty();
    }
}

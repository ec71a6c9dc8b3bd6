package org.dcganstudio.app.train;

import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.dcganstudio.core.session.Failure;
import org.dcganstudio.core.session.MetricsSeries;
import org.dcganstudio.core.session.SessionSnapshot;
import org.dcganstudio.core.session.SessionState;

/**
 * Where the shown run stands: its state, step and totals, throughput, the charts' data and why it
 * failed, copied from each new snapshot; and which controls that state allows.
 */
public final class RunProgress {

    private final ReadOnlyObjectWrapper<SessionState> state = new ReadOnlyObjectWrapper<>(SessionState.IDLE);
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("ready");
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper total = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper epoch = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper epochProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper runProgress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyDoubleWrapper imagesPerS = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper eta = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Path> runDir = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ChartData> metrics = new ReadOnlyObjectWrapper<>(ChartData.EMPTY);
    private final ReadOnlyObjectWrapper<ErrorReport> failure = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding active = Bindings.createBooleanBinding(() -> state.get().active(), state);
    private final BooleanBinding canPause =
            Bindings.createBooleanBinding(() -> state.get() == SessionState.RUNNING, state);
    private final BooleanBinding canResume =
            Bindings.createBooleanBinding(() -> state.get() == SessionState.PAUSED, state);
    private MetricsSeries seenMetrics = MetricsSeries.EMPTY;
    private Failure shownFailure;

    /** Copies a new snapshot in; charts are rebuilt only when the metrics changed. */
    void show(SessionSnapshot s) {
        state.set(s.state());
        stateText.set(s.state().name().toLowerCase(Locale.ROOT));
        step.set(s.step());
        total.set(s.total());
        epoch.set(s.epoch());
        epochProgress.set(s.epochProgress());
        runProgress.set(s.total() == 0 ? 0 : (double) s.step() / s.total());
        imagesPerS.set(s.imagesPerS());
        eta.set(s.state() == SessionState.RUNNING && s.imagesPerS() > 0 ? duration(s.etaSeconds()) : "");
        runDir.set(s.runDir());
        if (s.metrics() != seenMetrics) {
            seenMetrics = s.metrics();
            metrics.set(new ChartData(seenMetrics));
        }
        // A failure stays in every later snapshot of its run; it is reported once.
        if (s.failure() != null && s.failure() != shownFailure) {
            shownFailure = s.failure();
            failure.set(new ErrorReport(s.failure().title(), s.failure().detail(), s.failure().advice()));
        }
    }

    /** The failure is no longer news: the view has shown it, or another run is shown. */
    void clearFailure() {
        failure.set(null);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    public ReadOnlyObjectProperty<SessionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The session state in words: ready, starting, running, paused, stopped, finished, failed. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
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

    public ReadOnlyObjectProperty<Path> runDirProperty() {
        return runDir.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ChartData> metricsProperty() {
        return metrics.getReadOnlyProperty();
    }

    /**
     * Set when a run fails: title, what happened and what to do. The view shows a dialog, then
     * calls {@link TrainViewModel#acknowledgeFailure()}.
     */
    public ReadOnlyObjectProperty<ErrorReport> failureProperty() {
        return failure.getReadOnlyProperty();
    }

    /** True while a run holds the models (starting, running or paused). */
    public BooleanBinding activeProperty() {
        return active;
    }

    public BooleanBinding canPauseProperty() {
        return canPause;
    }

    public BooleanBinding canResumeProperty() {
        return canResume;
    }
}

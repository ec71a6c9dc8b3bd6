package org.dcganstudio.app.train;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.session.SessionSnapshot;
import org.dcganstudio.core.training.RunHistory;

/**
 * The shown run's checkpoints, and going back to one: rolling the run back to it, or branching a
 * new run from it. Either way the run then continues here, paused at that checkpoint.
 */
public final class CheckpointHistory {

    /** Continues a run directory here, paused at its latest checkpoint. */
    @FunctionalInterface
    interface PausedResume {
        void resume(Path runDir);
    }

    private final BackgroundTasks tasks;
    private final Supplier<Path> runDir;
    private final Supplier<Path> newRunDir;
    private final BooleanSupplier active;
    private final PausedResume resume;
    private final Consumer<String> say;
    private final ObservableList<Path> checkpoints = FXCollections.observableArrayList();
    // Made once: a read-only wrapper made per call listens weakly and would lose its listeners.
    private final ObservableList<Path> checkpointsView = FXCollections.unmodifiableObservableList(checkpoints);

    /**
     * @param tasks moves and copies run files off the UI thread
     * @param runDir the run shown
     * @param newRunDir the directory of the next new run (a branch)
     * @param active whether a run holds the models (history waits until it is stopped)
     * @param resume continues the rolled-back run or the branch
     * @param say where to tell the user what happened
     */
    CheckpointHistory(BackgroundTasks tasks, Supplier<Path> runDir, Supplier<Path> newRunDir, BooleanSupplier active,
            PausedResume resume, Consumer<String> say) {
        this.tasks = tasks;
        this.runDir = runDir;
        this.newRunDir = newRunDir;
        this.active = active;
        this.resume = resume;
        this.say = say;
    }

    /** Takes the snapshot's list of checkpoints. */
    void show(SessionSnapshot s) {
        if (!checkpoints.equals(s.checkpoints())) {
            checkpoints.setAll(s.checkpoints());
        }
    }

    /**
     * Continues the run from an earlier checkpoint, paused there; what came after it is kept in
     * the run's {@code rolled-back/} folder.
     */
    public void rollBackTo(Path checkpoint) {
        Path dir = runDir.get();
        if (!ready(dir)) {
            return;
        }
        tasks.run(() -> RunHistory.rollBack(dir, checkpoint), archive -> {
            resume.resume(dir);
            say.accept("rolled back to " + checkpoint.getFileName()
                    + (archive == null ? "" : "; later files kept in " + archive));
        }, e -> say.accept("could not roll back: " + e.getMessage()));
    }

    /** Starts a new run directory from a checkpoint of this run (paused there); this run stays as it is. */
    public void branchFrom(Path checkpoint) {
        Path dir = runDir.get();
        if (!ready(dir)) {
            return;
        }
        Path branch = newRunDir.get();
        tasks.run(() -> RunHistory.branch(dir, checkpoint, branch), created -> {
            resume.resume(created);
            say.accept("branched " + created + " from " + dir.getFileName() + " at " + checkpoint.getFileName());
        }, e -> say.accept("could not branch: " + e.getMessage()));
    }

    private boolean ready(Path dir) {
        if (dir == null) {
            return false;
        }
        if (active.getAsBoolean()) {
            say.accept("stop the run before rolling back or branching");
            return false;
        }
        return true;
    }

    /** Every checkpoint of the run, oldest first. */
    public ObservableList<Path> checkpoints() {
        return checkpointsView;
    }
}

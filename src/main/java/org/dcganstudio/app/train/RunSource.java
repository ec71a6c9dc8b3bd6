package org.dcganstudio.app.train;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.core.io.RunLock;
import org.dcganstudio.core.session.ConfigFile;
import org.dcganstudio.core.session.RunFollower;
import org.dcganstudio.core.session.SessionCommand;
import org.dcganstudio.core.session.SessionSnapshot;
import org.dcganstudio.core.session.SnapshotSource;
import org.dcganstudio.core.session.TrainingService;

/**
 * Which run the Train view shows and where its snapshots come from: the studio's own training, or
 * a run directory another process writes, followed read-only. Following a run or continuing one
 * here also fills the form with that run's settings.
 */
public final class RunSource {

    /** How often a followed run directory is read. */
    static final Duration FOLLOW_INTERVAL = Duration.ofMillis(500);

    private final TrainingService session;
    private final BackgroundTasks tasks;
    private final HyperParameters form;
    private final BooleanSupplier active;
    private final Consumer<String> say;
    private final Runnable onNewRun;
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(false);
    private SnapshotSource source;
    private RunFollower follower;
    private long seenVersion = -1;

    /**
     * @param session the studio's training
     * @param tasks opens runs off the UI thread
     * @param form filled with the settings of a run followed or continued
     * @param active whether a run of the studio holds the models (then no other run can be opened)
     * @param say where to tell the user what happened
     * @param onNewRun called when another run is about to be shown
     */
    RunSource(TrainingService session, BackgroundTasks tasks, HyperParameters form, BooleanSupplier active,
            Consumer<String> say, Runnable onNewRun) {
        this.session = session;
        this.tasks = tasks;
        this.form = form;
        this.active = active;
        this.say = say;
        this.onNewRun = onNewRun;
        this.source = session;
    }

    /** The latest snapshot of the run shown. */
    SessionSnapshot latest() {
        return source.latest();
    }

    /** The latest snapshot if it is newer than the one this returned last, else null. */
    SessionSnapshot changed() {
        SessionSnapshot s = source.latest();
        if (s.version() == seenVersion) {
            return null;
        }
        seenVersion = s.version();
        return s;
    }

    /** Shows the studio's own training again, for a run about to start. */
    void showTraining() {
        stopFollowing();
        onNewRun.run();
    }

    /**
     * Shows a run directory another process writes (the CLI, a synced GPU server) and follows it
     * as it grows; nothing is written into it.
     */
    public void follow(Path dir) {
        if (refusedWhileActive()) {
            return;
        }
        tasks.run(() -> new RunFollower(dir, FOLLOW_INTERVAL), f -> {
            stopFollowing();
            follower = f;
            source = f;
            seenVersion = -1;
            onNewRun.run();
            following.set(true);
            form.load(f.latest().config());
            say.accept("following " + dir + " (read-only)");
        }, e -> say.accept("could not open " + dir + ": " + e.getMessage()));
    }

    /** Continues a run directory here from its latest checkpoint. */
    public void resume(Path dir) {
        if (refusedWhileActive()) {
            return;
        }
        showTraining();
        session.send(new SessionCommand.Resume(dir, 0));
        tasks.run(() -> ConfigFile.read(dir), form::load,
                e -> say.accept("could not read the settings of " + dir + ": " + e.getMessage()));
    }

    /** Trains the followed run here, from its latest checkpoint, unless another process still writes it. */
    public void continueFollowedRun() {
        RunFollower f = follower;
        if (f == null) {
            return;
        }
        // The writer's lock, not the files' age: a slow run writes nothing for minutes and is still alive.
        Optional<String> writer = RunLock.holder(f.runDir());
        if (writer.isPresent()) {
            say.accept(f.runDir() + " is still being written by another process (" + writer.get() + "); continue "
                    + "it there, or wait until it stops");
            return;
        }
        resume(f.runDir());
    }

    private boolean refusedWhileActive() {
        if (active.getAsBoolean()) {
            say.accept("a run is in progress: stop it before opening another");
            return true;
        }
        return false;
    }

    private void stopFollowing() {
        if (follower != null) {
            follower.close();
            follower = null;
        }
        following.set(false);
        source = session;
        seenVersion = -1;
    }

    /** Stops following a run directory, if one is followed. */
    public void close() {
        stopFollowing();
    }

    /** True while showing a run directory another process writes. */
    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }
}

package org.dcganstudio.app;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/**
 * The one long export a view runs at a time (a GIF): whether it runs, its progress, and
 * cancelling it. The Export view's evolution GIF and Explore's walk and sweep GIFs run here.
 */
public final class ExportSlot {

    /** What a view says after a cancelled export: the writers leave no file behind. */
    public static final String CANCELLED = "cancelled; nothing was written";

    private final BackgroundTasks tasks;
    private final Consumer<String> message;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private BackgroundTasks.TaskHandle running;

    /** @param message the view's line of status, told when an export starts and when it is cancelled */
    public ExportSlot(BackgroundTasks tasks, Consumer<String> message) {
        this.tasks = tasks;
        this.message = message;
    }

    /**
     * Runs {@code work} in the background; only while no export runs (see {@link #busyProperty()}).
     * Progress ends at 1 before {@code onDone}, at 0 before {@code onFailed}; a cancelled export
     * reports {@link #CANCELLED} instead of calling {@code onFailed}.
     *
     * @param startMessage the status while it runs
     * @param startProgress the progress until the work reports some (negative: not known yet)
     */
    public <T> void start(String startMessage, double startProgress, BackgroundTasks.ProgressWork<T> work,
            Consumer<T> onDone, Consumer<Throwable> onFailed) {
        if (busy.get()) {
            throw new IllegalStateException("an export is running");
        }
        busy.set(true);
        progress.set(startProgress);
        message.accept(startMessage);
        // BackgroundTasks.SAME_THREAD returns the handle only once the work is over
        running = null;
        try {
            running = tasks.start(work, progress::set, result -> {
                busy.set(false);
                progress.set(1);
                onDone.accept(result);
            }, e -> {
                busy.set(false);
                progress.set(0);
                if (e instanceof CancellationException) {
                    message.accept(CANCELLED);
                } else {
                    onFailed.accept(e);
                }
            });
        } catch (RuntimeException e) {
            // not started (the pool is shut down, say): no export runs, so the slot must not stay busy
            busy.set(false);
            progress.set(0);
            throw e;
        }
    }

    /** Asks the export in progress to stop; it ends with {@link #CANCELLED}. */
    public void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    /** True while an export runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The running export's share done, 0 to 1; negative while that is not known yet. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }
}

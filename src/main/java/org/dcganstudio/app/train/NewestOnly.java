package org.dcganstudio.app.train;

import java.time.Duration;
import java.util.function.Consumer;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.BackgroundTasks.ProgressWork;
import org.dcganstudio.app.BackgroundTasks.TaskHandle;

/**
 * Runs the newest of a stream of requests after a pause, one at a time: a newer request cancels
 * the one running and replaces the one waiting, and only the newest's result is delivered. A user
 * typing a path so starts one inspection of what they typed rather than one per prefix, and an
 * inspection they moved on from stops at its next file and frees its thread, so previews never
 * hold more than one of the studio's background threads. Called on the UI thread only.
 */
final class NewestOnly {

    private final BackgroundTasks tasks;
    /** Numbers requests; only the newest may start or deliver. */
    private long newest;
    /** The newest request, not started yet. */
    private Request<?> waiting;
    /** The request whose work runs now, cancelled or not. */
    private Request<?> running;

    NewestOnly(BackgroundTasks tasks) {
        this.tasks = tasks;
    }

    /**
     * Runs {@code work} once {@code pause} passes without a newer request and the running one (if
     * any) has ended; {@code onDone} or {@code onError} hear it only if no newer request came.
     */
    <T> void submit(Duration pause, ProgressWork<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        cancel();
        Request<T> request = new Request<>(newest, work, onDone, onError);
        waiting = request;
        if (pause.isZero()) {
            due(request);
        } else {
            tasks.onUiAfter(pause, () -> due(request));
        }
    }

    /** Drops the waiting request and asks the running one to stop; neither delivers. */
    void cancel() {
        newest++;
        waiting = null;
        if (running != null && running.handle != null) {
            running.handle.cancel();
        }
    }

    private void due(Request<?> request) {
        request.due = true;
        startWaiting();
    }

    private void startWaiting() {
        Request<?> next = waiting;
        if (running != null || next == null || !next.due || next.number != newest) {
            return;
        }
        waiting = null;
        running = next;
        next.start();
    }

    private void ended(Request<?> request) {
        if (running == request) {
            running = null;
        }
        startWaiting();
    }

    private final class Request<T> {
        final long number;
        final ProgressWork<T> work;
        final Consumer<T> onDone;
        final Consumer<Throwable> onError;
        boolean due;
        TaskHandle handle;

        Request(long number, ProgressWork<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            this.number = number;
            this.work = work;
            this.onDone = onDone;
            this.onError = onError;
        }

        void start() {
            // Same-thread tasks end inside start(), before the handle exists; ended() copes.
            handle = tasks.start(work, progress -> { }, result -> {
                ended(this);
                if (number == newest) {
                    onDone.accept(result);
                }
            }, failure -> {
                ended(this);
                if (number == newest) {
                    onError.accept(failure);
                }
            });
        }
    }
}

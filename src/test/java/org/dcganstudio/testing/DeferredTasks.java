package org.dcganstudio.testing;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.dcganstudio.app.BackgroundTasks;

/**
 * Background work that waits until the test runs it, on the test's thread: a test can act between
 * starting work and the work itself (cancel it, start another) without threads or sleeps.
 * {@link BackgroundTasks#SAME_THREAD} cannot do that, as it returns a task's handle only once the
 * work is over. Work for the UI thread runs at once.
 */
public final class DeferredTasks implements BackgroundTasks {

    private final Deque<Runnable> waiting = new ArrayDeque<>();

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        waiting.add(() -> SAME_THREAD.run(work, onDone, onError));
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    /** Pieces of work started and not run yet. */
    public int waiting() {
        return waiting.size();
    }

    /** Runs the waiting work, oldest first, and any work it starts. */
    public void runAll() {
        while (!waiting.isEmpty()) {
            waiting.poll().run();
        }
    }
}

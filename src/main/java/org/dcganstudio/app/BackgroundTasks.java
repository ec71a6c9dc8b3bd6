package org.dcganstudio.app;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Runs slow work (file I/O, decoding, generating) off the UI thread and hands the result back on
 * it. The studio's implementation uses a worker pool and the FX thread; tests run everything on the
 * calling thread, so ViewModels are tested without threads.
 */
public interface BackgroundTasks {

    /**
     * Runs {@code work} in the background, then {@code onDone} with its result or {@code onError}
     * with what it threw, both on the UI thread.
     */
    <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError);

    /** Runs {@code action} on the UI thread soon (progress from background work). */
    void onUi(Runnable action);

    /** Runs everything at once on the calling thread. */
    BackgroundTasks SAME_THREAD = new BackgroundTasks() {
        @Override
        public <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
            T result;
            try {
                result = work.call();
            } catch (Exception | Error e) {
                onError.accept(e);
                return;
            }
            onDone.accept(result);
        }

        @Override
        public void onUi(Runnable action) {
            action.run();
        }
    };
}

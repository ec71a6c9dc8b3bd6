package org.dcganstudio.app;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

/**
 * Runs slow work (file I/O, decoding, generating) off the UI thread and hands the result back on
 * it. The studio's implementation uses a worker pool and the FX thread; {@link #SAME_THREAD} runs
 * everything on the calling thread, so ViewModels are tested without threads, sleeps or polling.
 *
 * <p>Every piece of background work goes through here: plain work with {@link #run}, long work that
 * reports progress and can be cancelled with {@link #start}.
 */
public interface BackgroundTasks {

    /**
     * Runs {@code work} in the background, then {@code onDone} with its result or {@code onError}
     * with what it threw, both on the UI thread.
     */
    <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError);

    /** Runs {@code action} on the UI thread soon (progress from background work). */
    void onUi(Runnable action);

    /**
     * Runs {@code action} on the UI thread once {@code delay} has passed (a ViewModel waiting for a
     * pause in typing). This default, and so {@link #SAME_THREAD}, runs it at once, which keeps
     * ViewModel tests free of clocks; a test that needs the pause passes its own implementation.
     */
    default void onUiAfter(Duration delay, Runnable action) {
        onUi(action);
    }

    /**
     * Runs long work that reports progress and can be cancelled. Progress reaches
     * {@code onProgress} on the UI thread, coalesced: while one update waits for the UI thread,
     * newer ones replace it instead of queueing behind it (as OpenJFX's {@code Task} does), so a
     * fast worker never floods the UI. Work that stops because it was cancelled ends in
     * {@code onError} with what it threw ({@link TaskContext#throwIfCancelled()} throws a
     * {@link CancellationException}); work that finished is done, even if a cancel came late, since
     * its result (a written file, say) exists.
     */
    default <T> TaskHandle start(ProgressWork<T> work, DoubleConsumer onProgress, Consumer<T> onDone,
            Consumer<Throwable> onError) {
        TaskHandle handle = new TaskHandle(this, onProgress);
        run(() -> work.call(handle), onDone, onError);
        return handle;
    }

    /** Work that reports through its {@link TaskContext}. */
    @FunctionalInterface
    interface ProgressWork<T> {
        T call(TaskContext context) throws Exception;
    }

    /** What running work sees of its task. */
    interface TaskContext {

        /** The share done, 0 to 1, or negative while the amount is not known yet. */
        void progress(double fraction);

        /** True once the task was cancelled; the work should stop at its next convenient point. */
        boolean isCancelled();

        /** Stops the work by throwing when the task was cancelled. */
        default void throwIfCancelled() {
            if (isCancelled()) {
                throw new CancellationException("cancelled");
            }
        }
    }

    /** A started task: cancel it; its context for the work. */
    final class TaskHandle implements TaskContext {

        private final BackgroundTasks tasks;
        private final DoubleConsumer onProgress;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        /** The newest progress not yet shown; NaN when none waits for the UI thread. */
        private final java.util.concurrent.atomic.AtomicLong pending =
                new java.util.concurrent.atomic.AtomicLong(Double.doubleToRawLongBits(Double.NaN));

        TaskHandle(BackgroundTasks tasks, DoubleConsumer onProgress) {
            this.tasks = tasks;
            this.onProgress = onProgress;
        }

        /** Asks the work to stop; it ends in {@code onError} with a {@link CancellationException}. */
        public void cancel() {
            cancelled.set(true);
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }

        @Override
        public void progress(double fraction) {
            if (Double.isNaN(fraction)) {
                fraction = -1; // NaN marks "nothing pending" below; a 0/0 share is "not known yet"
            }
            long previous = pending.getAndSet(Double.doubleToRawLongBits(fraction));
            if (Double.isNaN(Double.longBitsToDouble(previous))) {
                tasks.onUi(() -> onProgress.accept(
                        Double.longBitsToDouble(pending.getAndSet(Double.doubleToRawLongBits(Double.NaN)))));
            }
        }
    }

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

package org.dcganstudio.ui;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.dcganstudio.app.BackgroundTasks;
import org.dcganstudio.app.shell.StudioServices;

/** Background work on a small daemon pool, results delivered on the FX thread. */
final class FxBackgroundTasks implements BackgroundTasks, AutoCloseable {

    private static final int THREADS = 2;
    private final java.util.concurrent.Executor ui;
    private final AtomicInteger threads = new AtomicInteger();
    private final CountDownLatch initialised = new CountDownLatch(THREADS);
    private final ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(THREADS, task -> {
        Thread t = new Thread(() -> {
            StudioServices.initialiseEngineThread();
            initialised.countDown();
            task.run();
        }, "studio-background-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts both threads now, at the studio's start, so each fixes its libtorch thread count before
     * any training can lower it (see {@link StudioServices#initialiseEngineThread()}).
     */
    FxBackgroundTasks() {
        this(Platform::runLater);
    }

    /** @param ui runs results on the UI thread (tests without a toolkit pass their own) */
    FxBackgroundTasks(java.util.concurrent.Executor ui) {
        this.ui = ui;
        pool.prestartAllCoreThreads();
    }

    /** Waits until both threads have fixed their thread count (tests). */
    boolean awaitInitialised(long timeout, TimeUnit unit) throws InterruptedException {
        return initialised.await(timeout, unit);
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        pool.execute(() -> {
            try {
                T result = work.call();
                ui.execute(() -> onDone.accept(result));
            } catch (Exception | Error e) {
                ui.execute(() -> onError.accept(e));
            }
        });
    }

    @Override
    public void onUi(Runnable action) {
        ui.execute(action);
    }

    @Override
    public void onUiAfter(Duration delay, Runnable action) {
        // The JDK's shared delay thread only hands the action on, so it never waits on the UI.
        CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS, ui).execute(action);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

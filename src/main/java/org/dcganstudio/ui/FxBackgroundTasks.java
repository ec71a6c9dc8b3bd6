package org.dcganstudio.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.dcganstudio.app.BackgroundTasks;

/** Background work on a small daemon pool, results delivered on the FX thread. */
final class FxBackgroundTasks implements BackgroundTasks, AutoCloseable {

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService pool = Executors.newFixedThreadPool(2, task -> {
        Thread t = new Thread(task, "studio-background-" + threads.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    @Override
    public <T> void run(Callable<T> work, Consumer<T> onDone, Consumer<Throwable> onError) {
        pool.execute(() -> {
            try {
                T result = work.call();
                Platform.runLater(() -> onDone.accept(result));
            } catch (Exception | Error e) {
                Platform.runLater(() -> onError.accept(e));
            }
        });
    }

    @Override
    public void onUi(Runnable action) {
        Platform.runLater(action);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

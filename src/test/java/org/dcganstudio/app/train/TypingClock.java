package org.dcganstudio.app.train;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.dcganstudio.app.BackgroundTasks;

/**
 * Background work with a clock the test moves: delayed UI actions fire only when the test
 * {@link #advance}s past them, and work waits until the test {@link #runAll runs} it, on the test's
 * thread. So a test can type, pause, and act while an inspection is under way, without threads or
 * sleeps. Records how much work started and what the work threw, delivered or not.
 */
final class TypingClock implements BackgroundTasks {

    private record Timer(long due, Runnable action) {}

    private final List<Timer> timers = new ArrayList<>();
    private final Deque<Runnable> work = new ArrayDeque<>();
    private final List<Throwable> thrown = new ArrayList<>();
    private long now;
    private int started;

    @Override
    public <T> void run(Callable<T> task, Consumer<T> onDone, Consumer<Throwable> onError) {
        started++;
        work.add(() -> SAME_THREAD.run(task, onDone, e -> {
            thrown.add(e);
            onError.accept(e);
        }));
    }

    @Override
    public void onUi(Runnable action) {
        action.run();
    }

    @Override
    public void onUiAfter(Duration delay, Runnable action) {
        timers.add(new Timer(now + delay.toMillis(), action));
    }

    /** Moves the clock on, firing the actions that fall due, in order. */
    void advance(Duration by) {
        now += by.toMillis();
        while (true) {
            Timer next = timers.stream().filter(t -> t.due() <= now).min((a, b) -> Long.compare(a.due(), b.due()))
                    .orElse(null);
            if (next == null) {
                return;
            }
            timers.remove(next);
            next.action().run();
        }
    }

    /** Runs the waiting work, oldest first, and any work it starts. */
    void runAll() {
        while (!work.isEmpty()) {
            work.poll().run();
        }
    }

    /** Pieces of work handed to {@link #run} so far. */
    int started() {
        return started;
    }

    /** What the work threw, in order, whether or not anyone was told. */
    List<Throwable> thrown() {
        return thrown;
    }
}

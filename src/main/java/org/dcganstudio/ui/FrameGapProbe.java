package org.dcganstudio.ui;

import java.util.Arrays;
import java.util.Locale;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import org.dcganstudio.app.train.TrainViewModel;

/**
 * The UI-smoothness benchmark ({@code studio --measure-frames SECONDS}): starts training with the
 * form as it is (paper defaults on the synthetic faces), waits until steps are running, records
 * the FX thread's frame-to-frame gaps for the given time, prints one JSON line and quits without
 * saving. A gap is how long the FX thread went without rendering a pulse, so it includes any work
 * the UI did on that thread.
 */
final class FrameGapProbe {

    private static final long WARM_UP_NANOS = 3_000_000_000L;

    private final TrainViewModel train;
    private final long measureNanos;
    private final long[] gaps = new long[1 << 20];
    private int count;
    private long started;
    private long last;

    FrameGapProbe(TrainViewModel train, double seconds) {
        this.train = train;
        this.measureNanos = (long) (seconds * 1e9);
    }

    void start() {
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (started == 0) {
                    if (train.canStartProperty().get()) {
                        train.start();
                    }
                    if (train.stepProperty().get() >= 1) {
                        started = now + WARM_UP_NANOS;
                    }
                    return;
                }
                if (now < started) {
                    last = now;
                    return;
                }
                if (last != 0 && count < gaps.length) {
                    gaps[count++] = now - last;
                }
                last = now;
                if (now - started >= measureNanos) {
                    stop();
                    report();
                    Platform.exit();
                }
            }
        }.start();
    }

    private void report() {
        long[] sorted = Arrays.copyOf(gaps, count);
        Arrays.sort(sorted);
        System.out.println(String.format(Locale.ROOT, "{\"frames\":%d,\"frame_gap_ms_p50\":%.2f,\"frame_gap_ms_p99\":%.2f,"
                + "\"frame_gap_ms_max\":%.2f,\"train_steps\":%d,\"train_images_per_s\":%.1f,\"cpus\":%d}", count,
                at(sorted, 0.50), at(sorted, 0.99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6,
                train.stepProperty().get(), train.imagesPerSProperty().get(), Runtime.getRuntime().availableProcessors()));
    }

    private static double at(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * (sorted.length - 1)))] / 1e6;
    }
}

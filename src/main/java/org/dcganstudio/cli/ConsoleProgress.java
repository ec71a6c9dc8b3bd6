package org.dcganstudio.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.dcganstudio.core.training.MetricsRow;
import org.dcganstudio.core.training.TrainingRun;

/**
 * A one-line progress bar with ETA, images/s and the reference's four statistics. On a terminal
 * it redraws in place a few times a second; in a log (no console) it prints a line every 10 s.
 */
final class ConsoleProgress implements TrainingRun.Listener {

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastPrint;
    private boolean lineOpen;

    ConsoleProgress(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
        this.intervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
    }

    @Override
    public void onProgress(TrainingRun.Progress p) {
        long now = System.nanoTime();
        if (now - lastPrint < intervalNanos && p.step() < p.total()) {
            return;
        }
        lastPrint = now;
        String line = format(p);
        if (terminal) {
            out.print("\r" + line);
            lineOpen = true;
            if (p.step() >= p.total()) {
                out.println();
                lineOpen = false;
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    @Override
    public void onMessage(String message) {
        if (lineOpen) {
            out.println();
            lineOpen = false;
        }
        out.println(message);
    }

    static String format(TrainingRun.Progress p) {
        double frac = Math.min(1.0, (double) p.step() / p.total());
        String bar = TextBar.of(frac);
        MetricsRow r = p.last();
        return String.format(Locale.ROOT,
                "%s %5.1f%% step %d/%d epoch %d | %.1f img/s | ETA %s | Loss_D %.4f Loss_G %.4f D(x) %.4f D(G(z)) %.4f / %.4f",
                bar, 100 * frac, p.step(), p.total(), r.epoch(), p.imagesPerS(), duration(p.etaSeconds()), r.lossD(),
                r.lossG(), r.dX(), r.dGz1(), r.dGz2());
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}

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

    private final ProgressLine line;

    ConsoleProgress(PrintStream out) {
        this.line = new ProgressLine(out);
    }

    @Override
    public void onProgress(TrainingRun.Progress p) {
        line.show(() -> format(p), p.step() >= p.total());
    }

    @Override
    public void onMessage(String message) {
        line.message(message);
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

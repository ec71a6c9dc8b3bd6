package org.dcganstudio.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.dcganstudio.core.data.download.DownloadListener;

/**
 * A download progress bar: redrawn in place on a terminal, a line every 10 s in a log, and always
 * a final line per file.
 */
final class ConsoleDownloadProgress implements DownloadListener {

    private final ProgressLine line;
    private long started;
    private String currentFile;

    ConsoleDownloadProgress(PrintStream out) {
        this.line = new ProgressLine(out);
    }

    @Override
    public void progress(String file, long bytesDone, long bytesTotal) {
        long now = System.nanoTime();
        if (!file.equals(currentFile)) {
            currentFile = file;
            started = now;
            line.reset();
        }
        boolean done = bytesTotal >= 0 && bytesDone >= bytesTotal;
        line.show(() -> format(file, bytesDone, bytesTotal, (System.nanoTime() - started) / 1e9), done);
    }

    static String format(String file, long done, long total, double seconds) {
        double mb = done / 1e6;
        String rate = seconds > 0.5 ? String.format(Locale.ROOT, ", %.1f MB/s", mb / seconds) : "";
        if (total <= 0) {
            return String.format(Locale.ROOT, "download %s %.1f MB%s", file, mb, rate);
        }
        double frac = Math.min(1.0, (double) done / total);
        return String.format(Locale.ROOT, "download %s %s %3.0f%% %.1f/%.1f MB%s", file, TextBar.of(frac), 100 * frac,
                mb, total / 1e6, rate);
    }
}

package org.dcganstudio.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/** Progress of a job counted in items (an export): a bar redrawn in place, or a line every 10 s in a log. */
final class CountProgress implements LongConsumer {

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastPrint;

    CountProgress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.terminal = System.console() != null;
        this.intervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
    }

    @Override
    public void accept(long done) {
        long now = System.nanoTime();
        boolean last = done >= total;
        if (!last && now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        String line = String.format(Locale.ROOT, "%s %s %d/%d", label, TextBar.of((double) done / total), done, total);
        if (terminal && !last) {
            out.print("\r" + line);
        } else {
            out.println((terminal ? "\r" : "") + line);
        }
        out.flush();
    }
}

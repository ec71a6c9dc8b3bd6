package org.dcganstudio.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;

/** Progress of a job counted in items (an export): a bar redrawn in place, or a line every 10 s in a log. */
final class CountProgress implements LongConsumer {

    private final ProgressLine line;
    private final String label;
    private final long total;

    CountProgress(PrintStream out, String label, long total) {
        this.line = new ProgressLine(out);
        this.label = label;
        this.total = total;
    }

    @Override
    public void accept(long done) {
        line.show(() -> String.format(Locale.ROOT, "%s %s %d/%d", label, TextBar.of((double) done / total), done, total),
                done >= total);
    }
}

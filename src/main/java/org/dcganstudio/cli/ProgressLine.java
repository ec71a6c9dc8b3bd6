package org.dcganstudio.cli;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * One progress line on the console: on a terminal it is redrawn in place at most five times a
 * second; in a log (no console) a line is printed at most every 10 s. The final state is always
 * printed, and a message printed meanwhile starts on a fresh line.
 */
final class ProgressLine {

    private final PrintStream out;
    private final boolean terminal;
    private final long intervalNanos;
    private long lastPrint;
    private boolean open;

    ProgressLine(PrintStream out) {
        this.out = out;
        this.terminal = System.console() != null;
        this.intervalNanos = terminal ? 200_000_000L : 10_000_000_000L;
    }

    /**
     * Shows {@code line} if it is time to, or always when {@code last}.
     *
     * @param line the text, built only when shown
     * @param last the final state: ends the line
     */
    void show(Supplier<String> line, boolean last) {
        long now = System.nanoTime();
        if (!last && lastPrint != 0 && now - lastPrint < intervalNanos) {
            return;
        }
        lastPrint = now;
        if (terminal) {
            out.print("\r" + line.get());
            open = !last;
            if (last) {
                out.println();
            }
        } else {
            out.println(line.get());
        }
        out.flush();
    }

    /** Prints a message on its own line. */
    void message(String text) {
        if (open) {
            out.println();
            open = false;
        }
        out.println(text);
    }

    /** Starts the interval afresh, so the next line shows at once (a new file, say). */
    void reset() {
        lastPrint = 0;
    }
}

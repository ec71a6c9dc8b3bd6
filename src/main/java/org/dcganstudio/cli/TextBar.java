package org.dcganstudio.cli;

/** The {@code [=====>    ]} bar every console progress line draws. */
final class TextBar {

    private static final int WIDTH = 24;

    private TextBar() {
    }

    /** A bar filled to {@code fraction} (clamped to [0, 1]). */
    static String of(double fraction) {
        double f = Math.max(0, Math.min(1.0, fraction));
        int filled = (int) Math.round(f * WIDTH);
        return "[" + "=".repeat(filled) + (filled < WIDTH ? ">" + " ".repeat(WIDTH - filled - 1) : "") + "]";
    }
}

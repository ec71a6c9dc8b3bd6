package org.dcganstudio.app.train;

/**
 * An error for a dialog.
 *
 * @param title what went wrong, in a few words
 * @param detail the error itself (names files and values)
 * @param advice what to do next
 */
public record ErrorReport(String title, String detail, String advice) {}

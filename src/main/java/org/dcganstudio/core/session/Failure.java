package org.dcganstudio.core.session;

/**
 * Why a run ended early, for a dialog: what happened and what to do about it.
 *
 * @param title a few words, e.g. "The data set could not be read"
 * @param detail the error's own message (names files and values)
 * @param advice what the user can do next
 */
public record Failure(String title, String detail, String advice) {}

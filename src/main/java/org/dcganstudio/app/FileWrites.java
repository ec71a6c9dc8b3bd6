package org.dcganstudio.app;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Writing a user's file off the UI thread, with one line of outcome for the view's message. */
public final class FileWrites {

    /** Writes {@code file}; may throw, the outcome line says why. */
    @FunctionalInterface
    public interface Write {
        void to(Path file) throws Exception;
    }

    private FileWrites() {}

    /**
     * Runs {@code write} in the background, then reports "{@code done} NAME" or "could not write
     * NAME: why" through {@code report} on the UI thread.
     */
    public static void inBackground(BackgroundTasks tasks, Path file, Write write, Consumer<String> report, String done) {
        tasks.run(() -> {
            write.to(file);
            return file;
        }, f -> report.accept(done + " " + f.getFileName()),
                e -> report.accept("could not write " + file.getFileName() + ": " + e.getMessage()));
    }
}

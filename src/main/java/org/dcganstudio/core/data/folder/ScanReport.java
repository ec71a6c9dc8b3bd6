package org.dcganstudio.core.data.folder;

import java.nio.file.Path;
import java.util.List;

/**
 * What an {@link ImageFolder} scan found beyond the images it kept. The core logs nothing: callers
 * show {@link #warnings} to the user.
 *
 * @param folder the folder scanned
 * @param images images kept
 * @param skipped files with an image extension that could not be used, in path order
 * @param otherFiles files without an image extension, and hidden ones, ignored silently
 * @param warnings sentences for the user: skipped files, classes or attributes turned off
 */
public record ScanReport(Path folder, int images, List<Skipped> skipped, int otherFiles, List<String> warnings) {

    public ScanReport {
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    /**
     * A file left out of the data set.
     *
     * @param file path relative to the folder, with {@code /} between names
     * @param reason why, e.g. {@code not a readable image}
     */
    public record Skipped(String file, String reason) {}
}

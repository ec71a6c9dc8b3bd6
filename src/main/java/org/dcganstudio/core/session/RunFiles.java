package org.dcganstudio.core.session;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dcganstudio.core.io.RunDirectory;

/**
 * The sample grids and checkpoints a session shows on its timeline. A folder that cannot be read
 * shows as empty: the session goes on with what it has rather than failing over a listing.
 */
final class RunFiles {

    private RunFiles() {
    }

    /** Steps of the grids, ascending. */
    static List<Long> sampleSteps(Path runDir) {
        try {
            return new RunDirectory(runDir).gridSteps();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Checkpoint files, oldest step first. */
    static List<Path> checkpoints(Path runDir) {
        try {
            return new RunDirectory(runDir).checkpointFiles();
        } catch (IOException e) {
            return List.of();
        }
    }
}

package org.dcganstudio.core.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.training.TrainConfig;

/** A run directory's {@code config.json}: the settings of the run it holds. */
public final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * Reads the settings of the run in {@code runDir}.
     *
     * @throws IOException if the directory holds no readable config.json (not a run directory)
     */
    public static TrainConfig read(Path runDir) throws IOException {
        Path file = new RunDirectory(runDir).config();
        if (!Files.isRegularFile(file)) {
            throw new IOException(runDir + " is not a run directory: it has no " + RunDirectory.CONFIG);
        }
        try {
            return TrainConfig.fromJson(Files.readString(file));
        } catch (RuntimeException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}

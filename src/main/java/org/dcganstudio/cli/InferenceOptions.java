package org.dcganstudio.cli;

import java.io.IOException;
import org.dcganstudio.core.training.Checkpoint;
import picocli.CommandLine.Option;

/** Options of the commands that run a trained network: where it comes from and how it runs. */
final class InferenceOptions {

    @Option(names = "--checkpoint", description = "a checkpoint file, or a run directory (its latest checkpoint)")
    java.nio.file.Path checkpoint;

    @Option(names = "--batch-stats", description = "normalise with the batch's statistics instead of BatchNorm's running ones")
    boolean batchStats;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;

    /**
     * The checkpoint the command runs: {@code --checkpoint}, else the embedded default model.
     *
     * @throws IllegalArgumentException saying a model is needed when neither exists
     */
    Checkpoint requireCheckpoint() throws IOException {
        if (checkpoint == null) {
            throw new IllegalArgumentException("a model is needed: give --checkpoint CHECKPOINT_OR_RUN_DIR (no default "
                    + "model is installed in assets/ yet)");
        }
        return Checkpoint.read(checkpoint);
    }
}

package org.dcganstudio.cli;

import picocli.CommandLine.Option;

/** Options of the commands that run a trained network: where it comes from and how it runs. */
final class InferenceOptions {

    @Option(names = "--checkpoint", description = "a checkpoint file, or a run directory (its latest checkpoint)")
    java.nio.file.Path checkpoint;

    @Option(names = "--batch-stats", description = "normalise with the batch's statistics instead of BatchNorm's running ones")
    boolean batchStats;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;
}

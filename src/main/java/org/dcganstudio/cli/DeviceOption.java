package org.dcganstudio.cli;

import picocli.CommandLine.Option;

/** {@code --device}, the same for every command that runs a network outside training. */
final class DeviceOption {

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String spec;
}

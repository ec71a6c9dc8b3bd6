package org.dcganstudio.cli;

import java.util.concurrent.Callable;
import org.dcganstudio.ui.StudioLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code studio}: opens the desktop studio from the jar. */
@Command(name = "studio", mixinStandardHelpOptions = true, description = "Open the DCGAN Studio window.")
final class StudioCommand implements Callable<Integer> {

    @Option(names = "--measure-frames", paramLabel = "SECONDS", description = "benchmark: train with the form's "
            + "defaults, record the UI's frame-to-frame gaps for SECONDS, print JSON and quit without saving")
    Double measureFrames;

    @Override
    public Integer call() {
        if (measureFrames != null && !(measureFrames > 0)) {
            throw new IllegalArgumentException("--measure-frames must be a positive number of seconds, got "
                    + measureFrames);
        }
        StudioLauncher.main(measureFrames == null ? new String[0] : new String[] {"--measure-frames=" + measureFrames});
        return 0;
    }
}

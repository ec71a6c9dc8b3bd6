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

    @Option(names = "--screenshots", paramLabel = "DIR", description = "drive Explore and Arithmetic with the default "
            + "model, save each section as a PNG in DIR (the README's screenshots) with what it exported, and quit")
    java.nio.file.Path screenshots;

    @Option(names = "--screenshots-run", paramLabel = "RUN_DIR", description = "with --screenshots: also show this run "
            + "in Train first (train.png) and export its evolution GIF (export.png)")
    java.nio.file.Path screenshotsRun;

    @Option(names = "--self-test", description = "check the installation without a window: load the default model, "
            + "generate an image, train two steps on synthetic faces (in a temporary folder), print what happened")
    boolean selfTest;

    @Override
    public Integer call() {
        if (selfTest) {
            return org.dcganstudio.core.usecase.SelfTest.run(System.out);
        }
        if (screenshots != null) {
            StudioLauncher.main(screenshotsRun == null ? new String[] {"--screenshots=" + screenshots.toAbsolutePath()}
                    : new String[] {"--screenshots=" + screenshots.toAbsolutePath(),
                        "--screenshots-run=" + screenshotsRun.toAbsolutePath()});
            return 0;
        }
        if (measureFrames != null && !(measureFrames > 0)) {
            throw new IllegalArgumentException("--measure-frames must be a positive number of seconds, got "
                    + measureFrames);
        }
        StudioLauncher.main(measureFrames == null ? new String[0] : new String[] {"--measure-frames=" + measureFrames});
        return 0;
    }
}

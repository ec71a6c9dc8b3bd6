package org.dcganstudio.cli;

import java.io.IOException;
import java.io.PrintWriter;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.training.EngineSettings;
import org.dcganstudio.core.training.TrainingDiverged;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;

/**
 * {@code java -jar dcgan-studio.jar COMMAND ...}: the headless command line. User errors (bad
 * values, missing or malformed files, wrong shapes) print one line and exit 2; only bugs print a
 * stack trace, and {@code --verbose} adds one after the line.
 */
@Command(
        name = "dcgan-studio",
        mixinStandardHelpOptions = true,
        version = "DCGAN Studio 0.1.0",
        description = "Train, sample and score Deep Convolutional GANs (Radford et al., 2015) on DJL.",
        subcommands = {TrainCommand.class, SampleCommand.class, InterpolateCommand.class, ArithmeticCommand.class,
            ScoreCommand.class, ExportWeightsCommand.class, BenchCommand.class, DatasetsCommand.class,
            DatasetCommand.class, StudioCommand.class, DirectionsCommand.class, ClassifierCommand.class,
            ArithmeticEvalCommand.class, NeighboursCommand.class, GifCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code of user errors. */
    public static final int USER_ERROR = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "after an error message, print the stack trace behind it (for a bug report)")
    boolean verbose;

    /** Entry point. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (tests call this). */
    public static int run(String... args) {
        configureEnvironment();
        CommandLine cli = new CommandLine(new Main());
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("see: dcgan-studio " + ex.getCommandLine().getCommandName() + " --help");
            return USER_ERROR;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof IOException || ex instanceof TrainingDiverged
                    || ex instanceof DataException
                    || ex instanceof java.io.UncheckedIOException || ex instanceof IllegalStateException
                    && ex.getCause() instanceof IOException) {
                commandLine.getErr().println("error: " + ex.getMessage());
                if (verbose(parseResult)) {
                    ex.printStackTrace(commandLine.getErr());
                }
                return USER_ERROR;
            }
            throw ex;
        });
        return cli.execute(args);
    }

    // An inherited option is matched on whichever command of the chain it was typed after.
    private static boolean verbose(ParseResult result) {
        for (ParseResult r = result; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** DJL must never try to download, and its INFO logs are noise on a console. */
    static void configureEnvironment() {
        EngineSettings.applyDefaults();
    }
}

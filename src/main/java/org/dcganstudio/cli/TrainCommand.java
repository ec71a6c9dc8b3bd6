package org.dcganstudio.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Devices;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;
import org.dcganstudio.core.training.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code train}: a new run, or {@code --resume} of one, into a run directory. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a DCGAN into a run directory (config.json, metrics.csv, samples/, checkpoints/).")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--data", paramLabel = "SPEC", description = "data set: synthetic-faces[:N] (default), "
            + "synthetic-shapes[:N], mnist, fashion-mnist, cifar-10 (downloaded when missing), or the path of an "
            + "idx3-ubyte file, a CIFAR-10 folder/.bin/.tar.gz, an image folder or a run directory")
    String data;

    @Mixin
    ModelOptions model;

    @Option(names = "--batch", description = "images per step (default " + TrainConfig.PAPER_BATCH + ")")
    Integer batch;

    @Option(names = "--lr", description = "Adam learning rate of G and D (default " + OptimizerSettings.PAPER_LR_TEXT + ")")
    Float lr;

    @Option(names = "--beta1", description = "Adam beta1 (default " + OptimizerSettings.PAPER_BETA1 + ")")
    Float beta1;

    @Option(names = "--epochs", description = "the run's total in epochs (default " + TrainConfig.PAPER_EPOCHS
            + ", as the reference)")
    Integer epochs;

    @Option(names = "--iterations", description = "the run's total in steps (instead of --epochs)")
    Long iterations;

    @Option(names = "--seed", description = "seed of init, noise and shuffling (default: random, printed)")
    Long seed;

    @Option(names = "--device", description = "auto, cpu, gpu or gpu:N (default " + TrainConfig.DEFAULT_DEVICE
            + ": the GPU when DJL sees one)")
    String device;

    @Option(names = "--run-dir", description = "where the run goes: a new or empty folder (default "
            + "runs/<date-time>)")
    Path runDir;

    @Option(names = "--sample-every", description = "steps between sample grids (default "
            + TrainConfig.DEFAULT_SAMPLE_EVERY + ")")
    Integer sampleEvery;

    @Option(names = "--checkpoint-every", description = "steps between checkpoints (default "
            + TrainConfig.DEFAULT_CHECKPOINT_EVERY + ")")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "continue RUN_DIR from its latest checkpoint, "
            + "up to its total (or a new --iterations/--epochs); the run's other options may be repeated (a job "
            + "script re-run after pre-emption) but not changed")
    Path resume;

    @Option(names = "--restart", description = "start the run in --run-dir over with its config.json (one killed "
            + "before its first checkpoint, say); what the folder holds is moved to restarted/<date-time>/ in it, "
            + "not deleted")
    boolean restart;

    @Override
    public Integer call() throws Exception {
        ConsoleProgress progress = new ConsoleProgress(System.out);
        TrainingRun run = resume != null ? resumeRun(progress) : restart ? restartRun(progress) : newRun(progress);
        TrainConfig c = run.config();
        System.out.println("config: " + c.toJson().replaceAll("\\s+", " "));
        System.out.println("device: " + Devices.describe(Devices.resolve(c.device())) + ", seed: " + c.seed());

        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            System.out.println("\ninterrupted: saving a checkpoint before exiting...");
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "dcgan-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            TrainingRun.Result result = run.run(stop::get);
            System.out.println((result.stopped() ? "stopped" : "finished") + " at step " + result.steps()
                    + "; checkpoint " + result.checkpoint());
            return 0;
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting through the hook, which now returns
            }
        }
    }

    private TrainingRun resumeRun(ConsoleProgress progress) throws Exception {
        if (restart) {
            throw new IllegalArgumentException("give --resume (continue the run) or --restart (start it over), not "
                    + "both");
        }
        if (runDir != null && !sameFolder(runDir, resume)) {
            throw new IllegalArgumentException("--run-dir " + runDir + " is not --resume " + resume + ": a resumed run "
                    + "goes on in its own folder");
        }
        TrainingRun saved = TrainingRun.resume(resume, 0, progress).withDataContext(dataContext());
        new RunOptions(this).checkSameAs(saved.config(), "--resume");
        if (iterations == null && epochs == null) {
            return saved;
        }
        TrainConfig c = saved.config();
        ImageDataset opened = iterations != null ? null : saved.openData();
        long total = totalSteps(opened, c.batch());
        TrainingRun run = TrainingRun.resume(resume, total, progress).withDataContext(dataContext());
        return opened == null ? run : run.withData(opened);
    }

    private TrainingRun restartRun(ConsoleProgress progress) throws Exception {
        if (runDir == null) {
            throw new IllegalArgumentException("--restart needs --run-dir DIR, the run to start over");
        }
        TrainingRun saved = TrainingRun.restart(runDir, 0, progress).withDataContext(dataContext());
        new RunOptions(this).checkSameAs(saved.config(), "--restart");
        if (iterations == null && epochs == null) {
            return saved;
        }
        ImageDataset opened = iterations != null ? null : saved.openData();
        TrainingRun run = TrainingRun.restart(runDir, totalSteps(opened, saved.config().batch()), progress)
                .withDataContext(dataContext());
        return opened == null ? run : run.withData(opened);
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return java.nio.file.Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** Downloads show a progress bar; warnings (skipped files) go to stderr. */
    private static DataContext dataContext() {
        return DataContext.online(new ConsoleDownloadProgress(System.out), w -> System.err.println("warning: " + w));
    }

    private TrainingRun newRun(ConsoleProgress progress) throws Exception {
        ModelConfig m = model.toConfig(null);
        String spec = DataSpec.parse(data != null ? data : DataSpec.DEFAULT).text();
        int b = batch != null ? batch : TrainConfig.PAPER_BATCH;
        long s = seed != null ? seed : 1 + new java.util.Random().nextInt(10000);
        if (epochs == null && iterations == null) {
            epochs = TrainConfig.PAPER_EPOCHS;
        }
        ImageDataset opened = null;
        if (iterations == null) {
            opened = DataSpec.parse(spec).open(m.imageSize(), m.channels(), s, dataContext());
            System.out.println("data: " + opened.name() + ", " + opened.size() + " images");
        }
        long total = totalSteps(opened, b);
        OptimizerSettings opt = OptimizerSettings.of(lr != null ? lr : OptimizerSettings.PAPER_LR,
                beta1 != null ? beta1 : OptimizerSettings.PAPER_BETA1);
        TrainConfig c = new TrainConfig(m, opt, b, spec, s, total, epochs != null ? epochs : 0,
                sampleEvery != null ? sampleEvery : TrainConfig.DEFAULT_SAMPLE_EVERY,
                checkpointEvery != null ? checkpointEvery : TrainConfig.DEFAULT_CHECKPOINT_EVERY,
                device != null ? device : TrainConfig.DEFAULT_DEVICE);
        Devices.resolve(c.device());
        Path dir = runDir != null ? runDir
                : Path.of("runs", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        TrainingRun run = TrainingRun.start(c, dir, progress).withDataContext(dataContext());
        return opened == null ? run : run.withData(opened);
    }

    /** The run's total from --iterations, or from --epochs over the opened data set. */
    private long totalSteps(ImageDataset opened, int b) {
        if (epochs != null && iterations != null) {
            throw new IllegalArgumentException("give --epochs or --iterations, not both");
        }
        if (iterations != null) {
            if (iterations < 1) {
                throw new IllegalArgumentException("--iterations must be at least 1, got " + iterations);
            }
            return iterations;
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        int size = opened.size();
        if (size < b) {
            throw new IllegalArgumentException("data set " + opened.name() + " has " + size
                    + " images, fewer than --batch " + b);
        }
        return (long) epochs * (size / b);
    }
}

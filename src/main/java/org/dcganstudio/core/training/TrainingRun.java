package org.dcganstudio.core.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.dcganstudio.core.data.BatchPrefetcher;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.EpochBatcher;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.io.AtomicFiles;
import org.dcganstudio.core.io.RunDirectory;
import org.dcganstudio.core.io.RunLock;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;

/**
 * A training run in a {@link RunDirectory}, new or resumed: it writes the TrainConfig to
 * config.json, a {@link MetricsRow} per step to metrics.csv, the fixed-noise grid every
 * sample-every steps (and at step 0) and the checkpoints. It writes only while it holds the run's
 * {@link RunLock}, so a second writer (another process, or the studio) is refused with the holder
 * named, and only into a new or empty directory, so nothing else there is overwritten.
 *
 * <p>The batch of step t and its noise are functions of (seed, t), so a resumed run continues the
 * same trajectory. Statistics are read back from the device in batches ({@link #FLUSH_EVERY} steps,
 * or sooner at samples, checkpoints and once a second) so a GPU is not stalled every step.
 */
public final class TrainingRun {

    /** Images in the sample grid: 64, as the reference's fixed noise (8 rows of {@link ImageGrid#COLUMNS}). */
    public static final int SAMPLE_COUNT = 64;
    static final int FLUSH_EVERY = 25;
    /** Steps prepared ahead; decoding a folder of JPEGs is the slowest source. */
    public static final int PREFETCH_STEPS = 6;
    public static final int PREFETCH_WORKERS = 2;
    static final long NOISE_STREAM = 21;
    static final long FIXED_NOISE_STREAM = 22;

    /** What a run reports as it goes. */
    public interface Listener {
        /** After each flush of statistics. */
        default void onProgress(Progress progress) {}

        /** Files written and other events worth a line. */
        default void onMessage(String message) {}

        /** Before the first step: where the run starts, its total and its epoch length. */
        default void onStart(long step, long total, int stepsPerEpoch) {}

        /** New metrics rows, in step order (a resumed run first reports the rows it already had). */
        default void onMetrics(List<MetricsRow> rows) {}

        /**
         * A sample grid was written.
         *
         * @param images the {@link #SAMPLE_COUNT} images of the fixed noise, NCHW in [-1, 1]
         */
        default void onSamples(long step, Path file, float[] images) {}

        /** A checkpoint was written. */
        default void onCheckpoint(long step, Path file) {}
    }

    /**
     * A progress report.
     *
     * @param step steps done
     * @param total the run's total
     * @param stepsPerEpoch steps in an epoch
     * @param imagesPerS recent throughput
     * @param etaSeconds estimated seconds left
     * @param last the latest metrics row
     */
    public record Progress(long step, long total, int stepsPerEpoch, double imagesPerS, double etaSeconds,
            MetricsRow last) {}

    /**
     * How a run ended.
     *
     * @param steps steps done
     * @param checkpoint the last checkpoint written
     * @param stopped whether a stop request ended it before its total
     */
    public record Result(long steps, Path checkpoint, boolean stopped) {}

    /** Not final: a learning-rate change during training updates it (and config.json). */
    private TrainConfig config;
    private final RunDirectory run;
    private final Checkpoint resumeFrom;
    private final boolean restart;
    private final Listener listener;
    private DataContext dataContext = DataContext.offline();
    private ImageDataset openedData;
    private long flushIntervalNanos = 1_000_000_000L;

    private TrainingRun(TrainConfig config, Path runDir, Checkpoint resumeFrom, boolean restart, Listener listener) {
        this.config = config;
        this.run = new RunDirectory(runDir);
        this.resumeFrom = resumeFrom;
        this.restart = restart;
        this.listener = listener;
    }

    /**
     * A new run; the directory must be missing or empty, and nobody may be writing it.
     *
     * @throws IOException naming what the directory holds, or who writes it
     */
    public static TrainingRun start(TrainConfig config, Path runDir, Listener listener) throws IOException {
        RunGuard.checkNew(runDir);
        return new TrainingRun(config, runDir, null, false, listener);
    }

    /**
     * Starts the run of a directory over with the settings of its config.json: when it runs, what
     * the directory holds is first moved into {@code restarted/TIME/} (nothing is deleted).
     *
     * @param totalIterations a new total, or 0 to keep the run's own
     */
    public static TrainingRun restart(Path runDir, long totalIterations, Listener listener) throws IOException {
        TrainConfig cfg = RunGuard.configToRestart(runDir);
        return new TrainingRun(totalIterations > 0 ? cfg.withIterations(totalIterations) : cfg, runDir, null, true,
                listener);
    }

    /**
     * Continues the run of a directory from its latest checkpoint.
     *
     * @param totalIterations a new total, or 0 to keep the run's own
     */
    public static TrainingRun resume(Path runDir, long totalIterations, Listener listener) throws IOException {
        RunGuard.checkResumable(runDir);
        Checkpoint ckpt = Checkpoint.read(runDir);
        TrainConfig cfg = totalIterations > 0 ? ckpt.config().withIterations(totalIterations) : ckpt.config();
        return new TrainingRun(cfg, runDir, ckpt, false, listener);
    }

    /**
     * Opens the run's data set with this context (downloads, warnings) instead of
     * {@link DataContext#offline()}.
     */
    public TrainingRun withDataContext(DataContext context) {
        this.dataContext = context;
        return this;
    }

    /**
     * Trains on an already opened data set, which must be the config's spec at the model's size
     * and channels (the CLI opens it once to count epochs; a 200,000-image folder is scanned once).
     */
    public TrainingRun withData(ImageDataset data) {
        ModelConfig m = config.model();
        if (data.imageSize() != m.imageSize() || data.channels() != m.channels()) {
            throw new IllegalArgumentException("data set " + data.name() + " is " + data.imageSize() + "×"
                    + data.imageSize() + "×" + data.channels() + ", the model takes " + m.imageSize() + "×"
                    + m.imageSize() + "×" + m.channels());
        }
        this.openedData = data;
        return this;
    }

    /** Opens the config's data set at the model's size and channels. */
    public ImageDataset openData() {
        if (openedData == null) {
            ModelConfig m = config.model();
            openedData = DataSpec.parse(config.data()).open(m.imageSize(), m.channels(), config.seed(), dataContext);
        }
        return openedData;
    }

    /**
     * How often statistics are read back from the device at most (every 25 steps, and at least
     * this often); the studio asks for more than the CLI's once a second so charts move smoothly.
     */
    public TrainingRun withFlushInterval(java.time.Duration interval) {
        this.flushIntervalNanos = interval.toNanos();
        return this;
    }

    /** The configuration this run trains with. */
    public TrainConfig config() {
        return config;
    }

    /**
     * Trains until the total is reached or {@code stopRequested} turns true, then writes a final
     * checkpoint and sample grid.
     */
    public Result run(BooleanSupplier stopRequested) throws IOException {
        return run((step, controls) -> stopRequested.getAsBoolean() ? Decision.STOP : Decision.RUN);
    }

    /**
     * Trains under a controller that is asked before every step (pause, single steps, slow
     * motion, learning-rate changes, saves), until the total is reached or it says stop; then
     * writes a final checkpoint and sample grid. The run's lock is held throughout.
     *
     * @throws RunLock.Held naming the process that writes the run directory already
     * @throws TrainingDiverged naming the last checkpoint kept, when the run stops diverged
     */
    public Result run(Controller controller) throws IOException {
        try (RunLock lock = RunLock.acquire(run.root())) {
            int stale = RunGuard.removeDeadTemporaries(run);
            if (stale > 0) {
                listener.onMessage("removed " + stale + " temporary file(s) a writer that died mid-write left in "
                        + run.root());
            }
            if (restart) {
                Path aside = RunGuard.moveAside(run, java.time.LocalDateTime.now());
                if (aside != null) {
                    listener.onMessage("starting over: the earlier files of the run are now in " + aside);
                }
            }
            return runLocked(controller);
        }
    }

    private Result runLocked(Controller controller) throws IOException {
        ModelConfig model = config.model();
        Files.createDirectories(run.samples());
        Files.createDirectories(run.checkpoints());
        ImageDataset data = openData();
        EpochBatcher batcher = new EpochBatcher(data, config.batch(), config.seed());
        try (DcganTrainer trainer = new DcganTrainer(model, config.optimizer(), Devices.resolve(config.device()),
                config.seed())) {
            Loop loop = new Loop(trainer, batcher);
            if (resumeFrom != null) {
                resumeFrom.restore(trainer);
                loop.metrics.addAll(resumeFrom.metrics());
                loop.fixedNoise = resumeFrom.fixedNoise();
                loop.wall = resumeFrom.wallSeconds();
                loop.lastCheckpoint = resumeFrom.source();
                listener.onMessage("resumed " + resumeFrom.source() + " at step " + trainer.steps());
            } else {
                loop.fixedNoise = new float[SAMPLE_COUNT * model.nz()];
                model.zPrior().fill(Rng.derive(config.seed(), FIXED_NOISE_STREAM, 0), loop.fixedNoise);
            }
            writeConfig();
            writeMetrics(loop.metrics);
            listener.onStart(trainer.steps(), config.iterations(), batcher.stepsPerEpoch());
            if (!loop.metrics.isEmpty()) {
                listener.onMetrics(List.copyOf(loop.metrics));
            }
            if (resumeFrom == null) {
                loop.writeSamples(0);
            }
            return loop.train(controller);
        }
    }

    /** What a controller decides before a step. */
    public enum Decision {
        /** Run the step. */
        RUN,
        /** End the run here, writing a final checkpoint and sample grid. */
        STOP,
        /** End the run here and write nothing more: the last periodic checkpoint stays the latest. */
        ABANDON
    }

    /** Steers a run between steps; called on the training thread. */
    @FunctionalInterface
    public interface Controller {
        /**
         * Called before every step. May block (a pause) and may act on the run through
         * {@code controls}.
         *
         * @param step the step about to run
         */
        Decision beforeStep(long step, Controls controls);
    }

    /** What a {@link Controller} may do to a running run, on the training thread. */
    public interface Controls {
        /** Makes the statistics of every step so far known to the listener now. */
        void publish() throws IOException;

        /** Writes a checkpoint of the run now. */
        Path saveCheckpoint() throws IOException;

        /** Changes both learning rates from the next step on; config.json records them. */
        void setLearningRates(float lrG, float lrD) throws IOException;

        /** The settings the run trains with now. */
        TrainConfig config();

        /** The generator being trained: read it on the training thread only, between steps. */
        Generator generator();

        /** The latents of the run's sample grids, {@code count·nz} values. */
        float[] fixedNoise();
    }

    /** The state of one run of the training loop, and the controls it offers its controller. */
    private final class Loop implements Controls {
        final DcganTrainer trainer;
        final EpochBatcher batcher;
        final List<MetricsRow> metrics = new ArrayList<>();
        float[] fixedNoise;
        double wall;
        Path lastCheckpoint;
        long flushedAt;
        long lastFlushNanos;

        Loop(DcganTrainer trainer, EpochBatcher batcher) {
            this.trainer = trainer;
            this.batcher = batcher;
        }

        Result train(Controller controller) throws IOException {
            ModelConfig model = config.model();
            long total = config.iterations();
            int batch = config.batch();
            float[] noise = new float[batch * model.nz()];
            flushedAt = trainer.steps();
            lastFlushNanos = System.nanoTime();
            Decision decision = Decision.RUN;
            try (BatchPrefetcher prefetch = new BatchPrefetcher(batcher, trainer.steps(), PREFETCH_STEPS,
                    PREFETCH_WORKERS)) {
                while (trainer.steps() < total) {
                    long step = trainer.steps();
                    decision = controller.beforeStep(step, this);
                    if (decision != Decision.RUN) {
                        break;
                    }
                    model.zPrior().fill(Rng.derive(config.seed(), NOISE_STREAM, step), noise);
                    trainer.step(nextBatch(prefetch, step), noise, batch);
                    long done = step + 1;
                    boolean sample = done % config.sampleEvery() == 0;
                    boolean save = done % config.checkpointEvery() == 0;
                    long now = System.nanoTime();
                    if (sample || save || done == total || done - flushedAt >= FLUSH_EVERY
                            || now - lastFlushNanos > flushIntervalNanos) {
                        publish();
                    }
                    if (sample) {
                        writeSamples(done);
                    }
                    if (save) {
                        saveCheckpoint();
                    }
                }
            }
            publish();
            long done = trainer.steps();
            if (decision == Decision.ABANDON) {
                listener.onMessage("stopped at step " + done + " without saving; " + (lastCheckpoint != null
                        ? "the latest checkpoint is " + lastCheckpoint
                        : "the run has no checkpoint (start it over with --restart, or from the studio's form)"));
                return new Result(done, lastCheckpoint, true);
            }
            if (lastCheckpoint == null || done % config.checkpointEvery() != 0 && done > 0) {
                saveCheckpoint();
            }
            if (done % config.sampleEvery() != 0) {
                writeSamples(done);
            }
            return new Result(done, lastCheckpoint, decision != Decision.RUN && done < total);
        }

        private float[] nextBatch(BatchPrefetcher prefetch, long step) throws IOException {
            try {
                return prefetch.next();
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof DataException)) {
                    throw e;
                }
                // The models are fine, only the data failed: keep everything trained so far.
                publish();
                Path kept = saveCheckpoint();
                throw new DataException("could not read the images of step " + step + ": "
                        + e.getCause().getMessage() + " (training stopped; " + kept + " holds the run so far)",
                        e.getCause());
            }
        }

        @Override
        public void publish() throws IOException {
            long now = System.nanoTime();
            wall = flush(trainer, batcher, metrics, flushedAt, (now - lastFlushNanos) / 1e9, wall, lastCheckpoint);
            flushedAt = trainer.steps();
            lastFlushNanos = now;
        }

        @Override
        public Path saveCheckpoint() throws IOException {
            if (flushedAt != trainer.steps()) {
                publish();
            }
            String broken = FiniteState.firstNonFinite(trainer);
            if (broken != null) {
                throw diverged("at step " + trainer.steps() + " " + broken, lastCheckpoint);
            }
            lastCheckpoint = writeCheckpoint(trainer, fixedNoise, metrics, wall);
            return lastCheckpoint;
        }

        @Override
        public void setLearningRates(float lrG, float lrD) throws IOException {
            OptimizerSettings o = config.optimizer();
            // Validated by the settings record before anything changes.
            OptimizerSettings changed = new OptimizerSettings(lrG, lrD, o.beta1(), o.beta2(), o.epsilon());
            trainer.optimizerG().setLearningRate(lrG);
            trainer.optimizerD().setLearningRate(lrD);
            config = config.withOptimizer(changed);
            writeConfig();
            listener.onMessage(String.format(Locale.ROOT, "learning rates now %.3g (G) and %.3g (D) from step %d",
                    lrG, lrD, trainer.steps()));
        }

        @Override
        public TrainConfig config() {
            return config;
        }

        @Override
        public Generator generator() {
            return trainer.generator();
        }

        @Override
        public float[] fixedNoise() {
            return fixedNoise.clone();
        }

        void writeSamples(long step) throws IOException {
            TrainingRun.this.writeSamples(trainer, fixedNoise, step);
        }
    }

    private double flush(DcganTrainer trainer, EpochBatcher batcher, List<MetricsRow> metrics, long firstStep,
            double seconds, double wall, Path lastCheckpoint) throws IOException {
        float[][] rows = trainer.drainStats();
        if (rows.length == 0) {
            return wall;
        }
        double ips = rows.length * config.batch() / Math.max(seconds, 1e-9);
        StringBuilder csv = new StringBuilder();
        MetricsRow row = null;
        List<MetricsRow> added = new ArrayList<>(rows.length);
        for (int i = 0; i < rows.length; i++) {
            float[] r = rows[i];
            long step = firstStep + i + 1;
            double rowWall = wall + seconds * (i + 1) / rows.length;
            row = MetricsRow.of(step, batcher.epochOf(step - 1), r, ips, rowWall);
            if (!row.isFinite()) {
                Files.writeString(run.metrics(), csv, StandardOpenOption.APPEND);
                listener.onMetrics(added);
                throw diverged("at step " + step + " the losses became NaN or infinite (Loss_D " + row.lossD()
                        + ", Loss_G " + row.lossG() + ")", lastCheckpoint);
            }
            metrics.add(row);
            added.add(row);
            csv.append(row.toCsv()).append('\n');
        }
        Files.writeString(run.metrics(), csv, StandardOpenOption.APPEND);
        listener.onMetrics(added);
        double left = (config.iterations() - row.step()) * config.batch() / Math.max(ips, 1e-9);
        listener.onProgress(new Progress(row.step(), config.iterations(), batcher.stepsPerEpoch(), ips, left, row));
        return wall + seconds;
    }

    /** The error of a diverged run: what broke, and the checkpoint really kept (or that none was). */
    private TrainingDiverged diverged(String what, Path lastCheckpoint) {
        String kept = lastCheckpoint != null
                ? "the last good checkpoint is " + lastCheckpoint + " (resume from it or roll back to it)"
                : "no checkpoint was kept (none was written before it diverged)";
        return new TrainingDiverged("training diverged: " + what + "; training stopped and " + kept
                + ". Try a lower learning rate or another seed.");
    }

    private void writeConfig() throws IOException {
        AtomicFiles.write(run.config(), config.toJson().getBytes(StandardCharsets.UTF_8));
    }

    private void writeMetrics(List<MetricsRow> metrics) throws IOException {
        StringBuilder csv = new StringBuilder(MetricsRow.HEADER).append('\n');
        for (MetricsRow r : metrics) {
            csv.append(r.toCsv()).append('\n');
        }
        AtomicFiles.write(run.metrics(), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeSamples(DcganTrainer trainer, float[] fixedNoise, long step) throws IOException {
        ModelConfig m = config.model();
        float[] images = trainer.generate(fixedNoise, SAMPLE_COUNT, false);
        Path file = run.grid(step);
        ImageGrid.writePng(file, images, SAMPLE_COUNT, m.channels(), m.imageSize(), ImageGrid.COLUMNS);
        listener.onMessage("samples " + file);
        listener.onSamples(step, file, images);
    }

    private Path writeCheckpoint(DcganTrainer trainer, float[] fixedNoise, List<MetricsRow> metrics, double wall)
            throws IOException {
        Path file = run.checkpoint(trainer.steps());
        Checkpoint.write(file, config, trainer, fixedNoise, metrics, wall);
        listener.onMessage("checkpoint " + file);
        listener.onCheckpoint(trainer.steps(), file);
        return file;
    }
}

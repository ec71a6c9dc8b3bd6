package org.dcganstudio.core.training;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.dcganstudio.core.data.BatchPrefetcher;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataException;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.EpochBatcher;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.io.AtomicFiles;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;

/**
 * A training run in a run directory, new or resumed:
 *
 * <pre>
 * RUN_DIR/config.json              the TrainConfig
 * RUN_DIR/metrics.csv              one row per step (MetricsRow.HEADER)
 * RUN_DIR/samples/step-NNNNNN.png  the fixed-noise grid every sample-every steps (and step 0)
 * RUN_DIR/checkpoints/step-NNNNNN.ckpt
 * </pre>
 *
 * The batch of step t and its noise are functions of (seed, t), so a resumed run continues the
 * same trajectory. Statistics are read back from the device in batches ({@link #FLUSH_EVERY} steps,
 * or sooner at samples, checkpoints and once a second) so a GPU is not stalled every step.
 */
public final class TrainingRun {

    /** Rows of the sample grid: 64 images, 8 by 8, as the reference's fixed noise. */
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

    private final TrainConfig config;
    private final Path runDir;
    private final Checkpoint resumeFrom;
    private final Listener listener;
    private DataContext dataContext = DataContext.offline();
    private ImageDataset openedData;

    private TrainingRun(TrainConfig config, Path runDir, Checkpoint resumeFrom, Listener listener) {
        this.config = config;
        this.runDir = runDir;
        this.resumeFrom = resumeFrom;
        this.listener = listener;
    }

    /** A new run; the directory must not hold a run already. */
    public static TrainingRun start(TrainConfig config, Path runDir, Listener listener) throws IOException {
        if (Files.exists(runDir.resolve("config.json"))) {
            throw new IOException(runDir + " already holds a run (config.json exists); use --resume " + runDir
                    + " to continue it or choose another --run-dir");
        }
        return new TrainingRun(config, runDir, null, listener);
    }

    /**
     * Continues the run of a directory from its latest checkpoint.
     *
     * @param totalIterations a new total, or 0 to keep the run's own
     */
    public static TrainingRun resume(Path runDir, long totalIterations, Listener listener) throws IOException {
        Checkpoint ckpt = Checkpoint.read(runDir);
        TrainConfig cfg = totalIterations > 0 ? ckpt.config().withIterations(totalIterations) : ckpt.config();
        return new TrainingRun(cfg, runDir, ckpt, listener);
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

    /** The configuration this run trains with. */
    public TrainConfig config() {
        return config;
    }

    /**
     * Trains until the total is reached or {@code stopRequested} turns true, then writes a final
     * checkpoint and sample grid.
     */
    public Result run(BooleanSupplier stopRequested) throws IOException {
        ModelConfig model = config.model();
        Files.createDirectories(runDir.resolve("samples"));
        Files.createDirectories(runDir.resolve("checkpoints"));
        ImageDataset data = openData();
        EpochBatcher batcher = new EpochBatcher(data, config.batch(), config.seed());
        try (DcganTrainer trainer = new DcganTrainer(model, config.optimizer(), Devices.resolve(config.device()),
                config.seed())) {
            List<MetricsRow> metrics = new ArrayList<>();
            float[] fixedNoise;
            double wall = 0;
            if (resumeFrom != null) {
                resumeFrom.restore(trainer);
                metrics.addAll(resumeFrom.metrics());
                fixedNoise = resumeFrom.fixedNoise();
                wall = resumeFrom.wallSeconds();
                listener.onMessage("resumed " + resumeFrom.source() + " at step " + trainer.steps());
            } else {
                fixedNoise = new float[SAMPLE_COUNT * model.nz()];
                model.zPrior().fill(Rng.derive(config.seed(), FIXED_NOISE_STREAM, 0), fixedNoise);
            }
            AtomicFiles.write(runDir.resolve("config.json"), config.toJson().getBytes(StandardCharsets.UTF_8));
            writeMetrics(metrics);
            Path lastCheckpoint = resumeFrom == null ? null : resumeFrom.source();
            if (resumeFrom == null) {
                writeSamples(trainer, fixedNoise, 0);
            }

            long total = config.iterations();
            int batch = config.batch();
            float[] noise = new float[batch * model.nz()];
            long flushedAt = trainer.steps();
            long lastFlushNanos = System.nanoTime();
            try (BatchPrefetcher prefetch = new BatchPrefetcher(batcher, trainer.steps(), PREFETCH_STEPS,
                    PREFETCH_WORKERS)) {
                while (trainer.steps() < total && !stopRequested.getAsBoolean()) {
                    long step = trainer.steps();
                    model.zPrior().fill(Rng.derive(config.seed(), NOISE_STREAM, step), noise);
                    float[] real;
                    try {
                        real = prefetch.next();
                    } catch (IllegalStateException e) {
                        if (!(e.getCause() instanceof DataException)) {
                            throw e;
                        }
                        // The models are fine, only the data failed: keep everything trained so far.
                        wall = flush(trainer, batcher, metrics, flushedAt, (System.nanoTime() - lastFlushNanos) / 1e9,
                                wall);
                        Path kept = writeCheckpoint(trainer, fixedNoise, metrics, wall);
                        throw new DataException("could not read the images of step " + step + ": "
                                + e.getCause().getMessage() + " (training stopped; " + kept + " holds the run so far)",
                                e.getCause());
                    }
                    trainer.step(real, noise, batch);
                    long done = step + 1;
                    boolean sample = done % config.sampleEvery() == 0;
                    boolean save = done % config.checkpointEvery() == 0;
                    boolean last = done == total || stopRequested.getAsBoolean();
                    long now = System.nanoTime();
                    if (sample || save || last || done - flushedAt >= FLUSH_EVERY || now - lastFlushNanos > 1e9) {
                        double dt = (now - lastFlushNanos) / 1e9;
                        wall = flush(trainer, batcher, metrics, flushedAt, dt, wall);
                        flushedAt = done;
                        lastFlushNanos = now;
                    }
                    if (sample) {
                        writeSamples(trainer, fixedNoise, done);
                    }
                    if (save) {
                        lastCheckpoint = writeCheckpoint(trainer, fixedNoise, metrics, wall);
                    }
                }
            }
            long done = trainer.steps();
            if (lastCheckpoint == null || done % config.checkpointEvery() != 0 && done > 0) {
                lastCheckpoint = writeCheckpoint(trainer, fixedNoise, metrics, wall);
            }
            if (done % config.sampleEvery() != 0) {
                writeSamples(trainer, fixedNoise, done);
            }
            return new Result(done, lastCheckpoint, done < total);
        }
    }

    private double flush(DcganTrainer trainer, EpochBatcher batcher, List<MetricsRow> metrics, long firstStep,
            double seconds, double wall) throws IOException {
        float[][] rows = trainer.drainStats();
        if (rows.length == 0) {
            return wall;
        }
        double ips = rows.length * config.batch() / Math.max(seconds, 1e-9);
        StringBuilder csv = new StringBuilder();
        MetricsRow row = null;
        for (int i = 0; i < rows.length; i++) {
            float[] r = rows[i];
            long step = firstStep + i + 1;
            double rowWall = wall + seconds * (i + 1) / rows.length;
            row = new MetricsRow(step, batcher.epochOf(step - 1), r[DcganTrainer.LOSS_D], r[DcganTrainer.LOSS_G],
                    r[DcganTrainer.D_X], r[DcganTrainer.D_G_Z1], r[DcganTrainer.D_G_Z2], ips, rowWall);
            if (!row.isFinite()) {
                Files.writeString(runDir.resolve("metrics.csv"), csv, StandardOpenOption.APPEND);
                throw new TrainingDiverged("losses became NaN or infinite at step " + step + " (Loss_D " + row.lossD()
                        + ", Loss_G " + row.lossG() + "); training stopped and the last good checkpoint in "
                        + runDir.resolve("checkpoints") + " is kept. Try a lower learning rate or another seed.");
            }
            metrics.add(row);
            csv.append(row.toCsv()).append('\n');
        }
        Files.writeString(runDir.resolve("metrics.csv"), csv, StandardOpenOption.APPEND);
        double left = (config.iterations() - row.step()) * config.batch() / Math.max(ips, 1e-9);
        listener.onProgress(new Progress(row.step(), config.iterations(), batcher.stepsPerEpoch(), ips, left, row));
        return wall + seconds;
    }

    private void writeMetrics(List<MetricsRow> metrics) throws IOException {
        StringBuilder csv = new StringBuilder(MetricsRow.HEADER).append('\n');
        for (MetricsRow r : metrics) {
            csv.append(r.toCsv()).append('\n');
        }
        AtomicFiles.write(runDir.resolve("metrics.csv"), csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void writeSamples(DcganTrainer trainer, float[] fixedNoise, long step) throws IOException {
        ModelConfig m = config.model();
        float[] images = trainer.generate(fixedNoise, SAMPLE_COUNT, false);
        Path file = runDir.resolve("samples").resolve(String.format("step-%06d.png", step));
        ImageGrid.writePng(file, images, SAMPLE_COUNT, m.channels(), m.imageSize(), 8);
        listener.onMessage("samples " + file);
    }

    private Path writeCheckpoint(DcganTrainer trainer, float[] fixedNoise, List<MetricsRow> metrics, double wall)
            throws IOException {
        Path file = runDir.resolve("checkpoints").resolve(Checkpoint.fileName(trainer.steps()));
        Checkpoint.write(file, config, trainer, fixedNoise, metrics, wall);
        listener.onMessage("checkpoint " + file);
        return file;
    }
}

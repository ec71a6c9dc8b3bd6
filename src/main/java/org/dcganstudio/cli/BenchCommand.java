package org.dcganstudio.cli;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.dcganstudio.core.data.BatchPrefetcher;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.data.DataSpec;
import org.dcganstudio.core.data.EpochBatcher;
import org.dcganstudio.core.data.ImageDataset;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.DcganTrainer;
import org.dcganstudio.core.training.Devices;
import org.dcganstudio.core.training.Metric;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: training throughput, generator latency and resident memory of one configuration,
 * measured after warm-up, printed as one JSON object. Batches are random images held in memory, so
 * the figure is the training step alone (the data pipeline has its own benchmark).
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training images/s, step time, generator latency and memory; prints JSON.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = "--batch", defaultValue = "64", description = "images per step (default ${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--steps", defaultValue = "20", description = "timed steps (default ${DEFAULT-VALUE})")
    int steps;

    @Option(names = "--warmup", defaultValue = "3", description = "untimed steps first (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default ${DEFAULT-VALUE})")
    long seed;

    @picocli.CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    @Option(names = "--data", paramLabel = "SPEC", description = "also time the data loader on SPEC as training "
            + "reads it (same prefetch threads): first pass (decoding, as in the first epoch) and second pass")
    String data;

    @Option(names = "--loader-batches", defaultValue = "40", description = "batches per loader pass (default ${DEFAULT-VALUE})")
    int loaderBatches;

    @Option(names = "--explore", description = "time Explore's renderer instead: a simulated slider drag, with nothing "
            + "else running and while training runs; needs --checkpoint")
    boolean explore;

    @Option(names = "--checkpoint", description = "with --explore: the generator (a checkpoint or run directory)")
    java.nio.file.Path checkpoint;

    @Option(names = "--positions", defaultValue = "300", description = "with --explore: slider positions (default ${DEFAULT-VALUE})")
    int positions;

    @Option(names = "--interval-ms", defaultValue = "16.7", description = "with --explore: time between positions, as a "
            + "60 Hz mouse (default ${DEFAULT-VALUE})")
    double intervalMs;

    @Override
    public Integer call() throws Exception {
        if (explore) {
            InferenceOptions source = new InferenceOptions();
            source.checkpoint = checkpoint;
            org.dcganstudio.core.render.GeneratorWeights w =
                    org.dcganstudio.core.render.GeneratorWeights.of(source.requireCheckpoint());
            System.out.println(new ExploreBench(w, positions, intervalMs, seed).run());
            return 0;
        }
        if (steps < 1 || warmup < 0 || batch < 1 || loaderBatches < 1) {
            throw new IllegalArgumentException("--steps, --batch and --loader-batches must be at least 1 and --warmup "
                    + "at least 0");
        }
        ModelConfig config = model.toConfig(null);
        JsonObject loader = data == null ? null : benchLoader(config);
        int pixels = config.channels() * config.imageSize() * config.imageSize();
        float[][] batches = new float[4][batch * pixels];
        for (int i = 0; i < batches.length; i++) {
            Rng.derive(seed, 41, i).fillUniform(batches[i], -1, 1);
        }
        float[] noise = new float[batch * config.nz()];
        try (DcganTrainer t = new DcganTrainer(config, OptimizerSettings.PAPER, Devices.resolve(device.spec), seed)) {
            for (int i = 0; i < warmup; i++) {
                step(t, batches[i % batches.length], noise, i);
            }
            t.drainStats();
            long rssStart = residentMb();
            double[] ms = new double[steps];
            long begin = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                long s0 = System.nanoTime();
                step(t, batches[i % batches.length], noise, warmup + i);
                ms[i] = (System.nanoTime() - s0) / 1e6;
                if ((i + 1) % 100 == 0) {
                    t.drainStats();
                }
            }
            float[][] last = t.drainStats();
            double seconds = (System.nanoTime() - begin) / 1e9;
            long rssEnd = residentMb();

            JsonObject o = new JsonObject();
            o.addProperty("impl", "dcgan-studio (DJL " + ai.djl.engine.Engine.getDjlVersion() + ", PyTorch "
                    + ai.djl.engine.Engine.getInstance().getVersion() + ")");
            o.addProperty("device", Devices.describe(t.device()));
            o.addProperty("image_size", config.imageSize());
            o.addProperty("channels", config.channels());
            o.addProperty("nz", config.nz());
            o.addProperty("ngf", config.ngf());
            o.addProperty("ndf", config.ndf());
            o.addProperty("batch", batch);
            o.addProperty("steps", steps);
            o.addProperty("warmup", warmup);
            o.addProperty("train_images_per_s", round(steps * batch / seconds));
            o.addProperty("step_ms", round(seconds * 1000 / steps));
            o.addProperty("step_ms_median", round(median(ms)));
            o.addProperty("generate_ms_1", round(generateMs(t, 1, 50)));
            o.addProperty("generate_ms_64", round(generateMs(t, 64, 10)));
            o.addProperty("rss_start_mb", rssStart);
            o.addProperty("rss_end_mb", rssEnd);
            o.addProperty("rss_growth_pct", round(100.0 * (rssEnd - rssStart) / Math.max(1, rssStart)));
            if (last.length > 0) {
                o.addProperty("last_loss_d", last[last.length - 1][Metric.LOSS_D.index()]);
                o.addProperty("last_loss_g", last[last.length - 1][Metric.LOSS_G.index()]);
            }
            if (loader != null) {
                loader.entrySet().forEach(e -> o.add(e.getKey(), e.getValue()));
                o.addProperty("train_from_loader_images_per_s", round(trainFromLoader(t, config, noise)));
                double train = steps * batch / seconds;
                o.addProperty("loader_to_train_ratio", round(loader.get("loader_first_pass_images_per_s").getAsDouble()
                        / train));
            }
            o.addProperty("threads", Runtime.getRuntime().availableProcessors());
            System.out.println(o);
        }
        return 0;
    }

    /** Reads the first {@code loaderBatches} steps twice through the training run's prefetcher. */
    private JsonObject benchLoader(ModelConfig config) {
        long t0 = System.nanoTime();
        ImageDataset images = DataSpec.parse(data).open(config.imageSize(), config.channels(), seed,
                DataContext.offline().withWarnings(w -> System.err.println("warning: " + w)));
        double openS = (System.nanoTime() - t0) / 1e9;
        EpochBatcher batcher = new EpochBatcher(images, batch, seed);
        int n = Math.min(loaderBatches, batcher.stepsPerEpoch());
        double[] perSecond = new double[2];
        for (int pass = 0; pass < 2; pass++) {
            long begin = System.nanoTime();
            try (BatchPrefetcher prefetch = new BatchPrefetcher(batcher, 0, TrainingRun.PREFETCH_STEPS,
                    TrainingRun.PREFETCH_WORKERS)) {
                for (int i = 0; i < n; i++) {
                    prefetch.next();
                }
            }
            perSecond[pass] = (double) n * batch / ((System.nanoTime() - begin) / 1e9);
        }
        JsonObject o = new JsonObject();
        o.addProperty("data", data);
        o.addProperty("data_images", images.size());
        o.addProperty("data_open_s", round(openS));
        o.addProperty("loader_batches", n);
        o.addProperty("loader_workers", TrainingRun.PREFETCH_WORKERS);
        o.addProperty("loader_first_pass_images_per_s", round(perSecond[0]));
        o.addProperty("loader_second_pass_images_per_s", round(perSecond[1]));
        return o;
    }

    /**
     * Training images/s when the batches come from a freshly opened data set through the training
     * run's prefetcher (first epoch: decoding competes with training for the cores), so a loader
     * that cannot keep up shows here as a drop against train_images_per_s.
     */
    private double trainFromLoader(DcganTrainer t, ModelConfig config, float[] noise) {
        ImageDataset images = DataSpec.parse(data).open(config.imageSize(), config.channels(), seed,
                DataContext.offline());
        EpochBatcher batcher = new EpochBatcher(images, batch, seed);
        try (BatchPrefetcher prefetch = new BatchPrefetcher(batcher, 0, TrainingRun.PREFETCH_STEPS,
                TrainingRun.PREFETCH_WORKERS)) {
            long begin = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                step(t, prefetch.next(), noise, i);
            }
            t.drainStats();
            return (double) steps * batch / ((System.nanoTime() - begin) / 1e9);
        }
    }

    private void step(DcganTrainer t, float[] real, float[] noise, long i) {
        t.config().zPrior().fill(Rng.derive(seed, 42, i), noise);
        t.step(real, noise, batch);
    }

    /** Median latency of generating {@code count} images in eval mode, read back to the host. */
    private double generateMs(DcganTrainer t, int count, int runs) {
        float[] z = new float[count * t.config().nz()];
        Rng.derive(seed, 43, count).fillGaussian(z, 0, 1);
        for (int i = 0; i < 3; i++) {
            t.generate(z, count, false);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long s0 = System.nanoTime();
            t.generate(z, count, false);
            ms[i] = (System.nanoTime() - s0) / 1e6;
        }
        return median(ms);
    }

    private static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** Resident set size from /proc (Linux); -1 elsewhere. */
    static long residentMb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }
}

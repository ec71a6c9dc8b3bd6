package org.dcganstudio.cli;

import ai.djl.Device;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dcganstudio.core.data.DataContext;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.render.GeneratorWeights;
import org.dcganstudio.core.render.LatentRenderer;
import org.dcganstudio.core.render.RenderedImages;
import org.dcganstudio.core.session.SessionCommand;
import org.dcganstudio.core.session.SessionSnapshot;
import org.dcganstudio.core.session.SessionState;
import org.dcganstudio.core.session.TrainingSession;
import org.dcganstudio.core.training.OptimizerSettings;
import org.dcganstudio.core.training.TrainConfig;

/**
 * {@code bench --explore}: a simulated slider drag through the renderer the Explore view uses,
 * once with nothing else running and once while a training session trains the same architecture
 * on synthetic faces. Latency is from a position's submission to its pixels; positions replaced
 * while they waited (coalesced) are counted, not timed.
 */
final class ExploreBench {

    private final GeneratorWeights weights;
    private final int positions;
    private final double intervalMs;
    private final long seed;

    ExploreBench(GeneratorWeights weights, int positions, double intervalMs, long seed) {
        if (positions < 2 || intervalMs < 0) {
            throw new IllegalArgumentException("--positions must be at least 2 and --interval-ms at least 0");
        }
        this.weights = weights;
        this.positions = positions;
        this.intervalMs = intervalMs;
        this.seed = seed;
    }

    JsonObject run() throws Exception {
        JsonObject o = new JsonObject();
        ModelConfig c = weights.config();
        o.addProperty("model", weights.origin());
        o.addProperty("image_size", c.imageSize());
        o.addProperty("nz", c.nz());
        o.addProperty("ngf", c.ngf());
        o.addProperty("positions", positions);
        o.addProperty("interval_ms", intervalMs);
        ai.djl.engine.Engine.getEngine("PyTorch"); // loads libtorch before asking it anything
        o.addProperty("threads", ai.djl.pytorch.jni.JniUtils.getNumThreads());
        try (LatentRenderer renderer = new LatentRenderer(Device.cpu())) {
            renderer.setWeights(weights);
            drag(renderer.channel("warm-up"), 150); // first calls allocate and pick kernels
            copy(drag(renderer.channel("paused"), positions), o, "");

            Path dir = Files.createTempDirectory("dcgan-bench-explore");
            try (TrainingSession session = new TrainingSession(DataContext.offline())) {
                TrainConfig train = new TrainConfig(c, OptimizerSettings.PAPER, 64, "synthetic-faces", seed,
                        1_000_000, 0, 1_000_000, 1_000_000, "cpu");
                session.send(new SessionCommand.Start(train, dir.resolve("run")));
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                while (session.latest().step() < 3 && System.nanoTime() < deadline) {
                    if (session.latest().state() == SessionState.FAILED) {
                        throw new IllegalStateException("the background training failed: "
                                + session.latest().failure().detail());
                    }
                    Thread.sleep(20);
                }
                long stepsBefore = session.latest().step();
                long t0 = System.nanoTime();
                JsonObject training = new JsonObject();
                copy(drag(renderer.channel("training"), positions), training, "");
                SessionSnapshot after = session.latest();
                double seconds = (System.nanoTime() - t0) / 1e9;
                training.addProperty("train_steps_during_drag", after.step() - stepsBefore);
                training.addProperty("train_images_per_s", round((after.step() - stepsBefore) * 64 / seconds));
                o.add("training_running", training);
                session.send(new SessionCommand.Abandon());
            } finally {
                deleteTree(dir);
            }
        }
        return o;
    }

    /** Figures of one drag. */
    private record Drag(double[] latencies, int rendered, double lastMs) {}

    private static void copy(Drag d, JsonObject o, String prefix) {
        o.addProperty(prefix + "slider_ms_p50", round(percentile(d.latencies(), 50)));
        o.addProperty(prefix + "slider_ms_p99", round(percentile(d.latencies(), 99)));
        o.addProperty(prefix + "slider_ms_max", round(percentile(d.latencies(), 100)));
        o.addProperty(prefix + "rendered", d.rendered());
        o.addProperty(prefix + "final_position_ms", round(d.lastMs()));
    }

    /**
     * Moves one latent along a random unit direction from −3 to +3 in {@code count} even steps,
     * one every {@code intervalMs}, as a mouse would report them, on a fresh channel (its listener
     * sees only this drag).
     */
    private Drag drag(LatentRenderer.Channel channel, int count) throws InterruptedException {
        int nz = weights.config().nz();
        float[] base = new float[nz];
        weights.config().zPrior().fill(Rng.derive(seed, 91, 0), base);
        float[] dir = new float[nz];
        new Rng(seed + 1).fillGaussian(dir, 0, 1);
        dir = Vectors.addScaled(new float[nz], dir, 1 / Vectors.norm(dir));
        List<Double> latencies = new ArrayList<>();
        Object sync = new Object();
        long[] lastStamp = {0};
        channel.onRendered(r -> {
            if (r.ok()) {
                synchronized (sync) {
                    latencies.add(r.latencyMillis());
                    lastStamp[0] = r.stamp();
                    sync.notifyAll();
                }
            }
        });
        long intervalNanos = (long) (intervalMs * 1e6);
        long start = System.nanoTime();
        long stamp = 0;
        long lastSubmit = 0;
        for (int i = 0; i < count; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            double t = -3 + 6.0 * i / (count - 1);
            lastSubmit = System.nanoTime();
            stamp = channel.submit(List.of(Vectors.addScaled(base, dir, t)), false);
        }
        synchronized (sync) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lastStamp[0] < stamp && System.nanoTime() < deadline) {
                sync.wait(100);
            }
        }
        RenderedImages last = channel.latest();
        double lastMs = last == null ? Double.NaN : (last.finishedNanos() - lastSubmit) / 1e6;
        double[] values;
        synchronized (sync) {
            values = latencies.stream().mapToDouble(Double::doubleValue).toArray();
            latencies.clear();
        }
        return new Drag(values, values.length, lastMs);
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int i = (int) Math.ceil(p / 100 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, i))];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            System.err.println("could not delete " + dir + ": " + e.getMessage());
        }
    }
}

package org.dcganstudio.cli;

import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcganstudio.core.explore.LatentDirections;
import org.dcganstudio.core.interop.NpyFiles;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.usecase.DirectionSearch;
import org.dcganstudio.core.usecase.LoadedGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code directions}: GANSpace-style latent directions of a trained generator. */
@Command(name = "directions", mixinStandardHelpOptions = true,
        description = "Discover latent directions (principal components of G's first-block activations, "
                + "regressed back to latent space); prints their explained variance as JSON.")
final class DirectionsCommand implements Callable<Integer> {

    @Mixin
    InferenceOptions run;

    @Option(names = "--count", required = true, description = "directions to find, 1 to nz")
    int count;

    @Option(names = "--npy-out", required = true, description = "write the unit directions (K, nz) float32")
    Path npyOut;

    @Option(names = "--samples", defaultValue = "" + LatentDirections.DEFAULT_SAMPLES,
            description = "latents drawn from the prior (default ${DEFAULT-VALUE})")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the drawn latents (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--sweep-png", description = "also write a sweep: one row per direction, a drawn latent moved "
            + "from -RANGE to +RANGE standard deviations along it")
    Path sweepPng;

    @Option(names = "--sweep-frames", defaultValue = "9", description = "images per sweep row (default ${DEFAULT-VALUE})")
    int sweepFrames;

    @Option(names = "--sweep-range", defaultValue = "2.5", description = "sweep reach in standard deviations "
            + "(default ${DEFAULT-VALUE})")
    double sweepRange;

    @Option(names = "--sweep-seed", defaultValue = "7", description = "seed of the swept latent (default ${DEFAULT-VALUE})")
    long sweepSeed;

    @Override
    public Integer call() throws Exception {
        if (sweepPng != null && (sweepFrames < 2 || !(sweepRange > 0))) {
            throw new IllegalArgumentException("--sweep-frames must be at least 2 and --sweep-range above 0");
        }
        CountLimits.requireAtMost("--samples", samples, CountLimits.MAX_DIRECTION_SAMPLES,
                "every latent and its features are held in memory");
        Checkpoint ckpt = run.requireCheckpoint();
        ModelConfig config = ckpt.config().model();
        if (sweepPng != null) {
            CountLimits.requireImagesFit("--count × --sweep-frames", (long) count * sweepFrames, config);
        }
        long start = System.nanoTime();
        LatentDirections found;
        try (LoadedGenerator g = run.load(ckpt)) {
            found = DirectionSearch.find(g, count, samples, seed);
            if (sweepPng != null) {
                writeSweep(g, config, found);
            }
        }
        org.dcganstudio.core.export.NamedWrites.to(npyOut,
                () -> NpyFiles.write(npyOut, found.packed(), new Shape(count, config.nz())));
        JsonObject o = new JsonObject();
        o.addProperty("checkpoint", ckpt.source().toString());
        o.addProperty("count", count);
        o.addProperty("nz", config.nz());
        o.addProperty("samples", found.samples());
        o.addProperty("seed", seed);
        JsonArray ratios = new JsonArray();
        JsonArray stds = new JsonArray();
        double cumulative = 0;
        for (LatentDirections.Direction d : found.directions()) {
            ratios.add(round(d.explainedVarianceRatio()));
            stds.add(round(d.latentStd()));
            cumulative += d.explainedVarianceRatio();
        }
        o.add("explained_variance_ratio", ratios);
        o.addProperty("explained_variance_total", round(cumulative));
        o.add("latent_std", stds);
        o.addProperty("pca_products", found.products());
        o.addProperty("seconds", round((System.nanoTime() - start) / 1e9));
        o.addProperty("npy_out", npyOut.toString());
        if (sweepPng != null) {
            o.addProperty("sweep_png", sweepPng.toString());
        }
        System.out.println(o);
        return 0;
    }

    /** Row k: the same latent moved along direction k in even steps across ±range·std. */
    private void writeSweep(LoadedGenerator g, ModelConfig config, LatentDirections found) throws java.io.IOException {
        int nz = config.nz();
        float[] base = new float[nz];
        config.zPrior().fill(org.dcganstudio.core.math.Rng.derive(sweepSeed, 97, 0), base);
        java.util.List<float[]> latents = new java.util.ArrayList<>();
        for (LatentDirections.Direction d : found.directions()) {
            for (int i = 0; i < sweepFrames; i++) {
                double t = -sweepRange + 2 * sweepRange * i / (sweepFrames - 1);
                latents.add(org.dcganstudio.core.latent.Vectors.addScaled(base, d.vector(), t * d.latentStd()));
            }
        }
        float[] images = g.generate(latents, false);
        org.dcganstudio.core.export.ImageGrid.writePng(sweepPng, images, latents.size(), config.channels(),
                config.imageSize(), sweepFrames);
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}

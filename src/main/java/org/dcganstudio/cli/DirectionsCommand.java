package org.dcganstudio.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcganstudio.core.explore.LatentDirections;
import org.dcganstudio.core.interop.NpyFiles;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.Devices;
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

    @Override
    public Integer call() throws Exception {
        Autograd.disableOnThisThread();
        Checkpoint ckpt = run.requireCheckpoint();
        ModelConfig config = ckpt.config().model();
        long start = System.nanoTime();
        LatentDirections found;
        try (NDManager m = NDManager.newBaseManager(Devices.resolve(run.device));
                Generator g = new Generator(config, m, 0)) {
            ckpt.restoreGenerator(g);
            found = LatentDirections.discover(g, count, samples, seed);
        }
        NpyFiles.write(npyOut, found.packed(), new Shape(count, config.nz()));
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
        System.out.println(o);
        return 0;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}

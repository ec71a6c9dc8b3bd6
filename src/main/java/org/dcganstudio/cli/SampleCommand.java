package org.dcganstudio.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dcganstudio.core.export.ImageGrid;
import org.dcganstudio.core.interop.LatentFiles;
import org.dcganstudio.core.interop.StateDictShapes;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.math.Rng;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.usecase.GeneratorLoading;
import org.dcganstudio.core.usecase.LoadedGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sample}: images from a generator, as .npy and/or a PNG grid. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Generate images from G's weights (.safetensors, .pt, .pth) or a checkpoint / run directory.")
final class SampleCommand implements Callable<Integer> {

    private static final long SAMPLE_STREAM = 31;

    @Option(names = "--weights", description = "G state dict (.safetensors, or torch.save .pt/.pth read without running it; "
            + "pytorch/examples keys)")
    Path weights;

    @Mixin
    InferenceOptions run;

    @Mixin
    ModelOptions model;

    @Option(names = "--latents", description = ".npy latents, (N, nz) or (N, nz, 1, 1)")
    Path latents;

    @Option(names = "--latents-out", description = "also write the latents drawn or read, (N, nz, 1, 1): pick the "
            + "ones you like from the PNG and walk or add them with interpolate and arithmetic")
    Path latentsOut;

    @Option(names = "--count", description = "how many latents to draw from the prior when --latents is absent (default 64)")
    Integer count;

    @Option(names = "--seed", defaultValue = "1", description = "seed for drawn latents (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--npy-out", description = "write images (N, C, S, S) float32 in [-1, 1]")
    Path npyOut;

    @Option(names = "--png-out", description = "write a PNG grid")
    Path pngOut;

    @Option(names = "--columns", defaultValue = "" + ImageGrid.COLUMNS, description = "images per grid row (default ${DEFAULT-VALUE})")
    int columns;

    @Override
    public Integer call() throws Exception {
        if (weights != null && run.checkpoint != null) {
            throw new IllegalArgumentException("give --weights G.safetensors|G.pt or --checkpoint PATH, not both");
        }
        if (npyOut == null && pngOut == null && latentsOut == null) {
            throw new IllegalArgumentException("nothing to write: give --npy-out and/or --png-out");
        }
        if (latents != null && count != null) {
            throw new IllegalArgumentException("give --latents or --count, not both");
        }
        // without --weights: --checkpoint, else the shipped default model
        Checkpoint ckpt = weights != null ? null : run.requireCheckpoint();
        ModelConfig config = ckpt != null ? ckpt.config().model()
                : model.toConfig(StateDictShapes.generatorImageSize(weights));
        if (ckpt != null && model.anySet() && !model.toConfig(config.imageSize()).equals(config)) {
            throw new IllegalArgumentException("the checkpoint's model is " + config + "; drop the model options or "
                    + "make them match");
        }
        int n = count == null ? 64 : count;
        if (n < 1) {
            throw new IllegalArgumentException("--count must be at least 1, got " + n);
        }
        // Before the model is loaded: the count alone decides, and loading costs seconds.
        CountLimits.requireImagesFit("--count", n, config);
        try (LoadedGenerator g = ckpt != null ? run.load(ckpt)
                : LoadedGenerator.load(GeneratorLoading.pyTorchWeights(config, weights), run.device())) {
            List<float[]> z;
            if (latents != null) {
                z = LatentFiles.read(latents, config.nz());
                CountLimits.requireImagesFit(latents + " holds " + z.size() + " latents; --latents", z.size(), config);
            } else {
                float[] values = new float[n * config.nz()];
                config.zPrior().fill(Rng.derive(seed, SAMPLE_STREAM, 0), values);
                z = new java.util.ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    z.add(Vectors.row(values, config.nz(), i));
                }
            }
            float[] images = g.generate(z, run.batchStats);
            InferenceOptions.writeLatentsAndImages(latentsOut, npyOut, z, images, config, "");
            if (pngOut != null) {
                ImageGrid.writePng(pngOut, images, z.size(), config.channels(), config.imageSize(), columns);
                System.out.println("wrote " + pngOut);
            }
        }
        return 0;
    }
}

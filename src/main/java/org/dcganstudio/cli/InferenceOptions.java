package org.dcganstudio.cli;

import java.io.IOException;
import java.util.List;
import org.dcganstudio.core.export.NamedWrites;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.usecase.GeneratorLoading;
import org.dcganstudio.core.usecase.LoadedGenerator;
import picocli.CommandLine.Option;

/** Options of the commands that run a trained network: where it comes from and how it runs. */
final class InferenceOptions {

    @Option(names = "--checkpoint", description = "a checkpoint file, or a run directory (its latest checkpoint)")
    java.nio.file.Path checkpoint;

    @Option(names = "--batch-stats", description = "normalise with the batch's statistics instead of BatchNorm's running ones")
    boolean batchStats;

    @picocli.CommandLine.Mixin
    DeviceOption device = new DeviceOption();

    /** {@code --device}: auto, cpu, gpu or gpu:N. */
    String device() {
        return device.spec;
    }

    /** The checkpoint the command runs: {@code --checkpoint}, else the embedded default model. */
    Checkpoint requireCheckpoint() throws IOException {
        return GeneratorLoading.checkpointOrDefault(checkpoint);
    }

    /** The checkpoint's generator on {@code --device}. */
    LoadedGenerator load(Checkpoint ckpt) throws IOException {
        return LoadedGenerator.load(ckpt, device());
    }

    /**
     * G's images for latent vectors, all in one batch, on {@code --device}: BatchNorm's running
     * statistics (PyTorch's eval mode) unless {@code --batch-stats}.
     *
     * @return N·C·S·S values in [-1, 1], NCHW
     */
    float[] generate(Checkpoint ckpt, List<float[]> latents) throws IOException {
        try (LoadedGenerator g = load(ckpt)) {
            return g.generate(latents, batchStats);
        }
    }

    /**
     * Writes {@code --latents-out} as (N, nz, 1, 1) and {@code --npy-out} as (N, C, S, S), each when
     * given, and says so with {@code note} after the shape.
     */
    static void writeLatentsAndImages(java.nio.file.Path latentsOut, java.nio.file.Path npyOut,
            java.util.List<float[]> latents, float[] images, org.dcganstudio.core.model.ModelConfig config, String note)
            throws IOException {
        int n = latents.size();
        int c = config.channels();
        int s = config.imageSize();
        if (latentsOut != null) {
            NamedWrites.to(latentsOut, () -> org.dcganstudio.core.interop.LatentFiles.write(latentsOut, latents));
            System.out.println("wrote " + latentsOut + " (" + n + ", " + config.nz() + ", 1, 1)" + note);
        }
        if (npyOut != null) {
            NamedWrites.to(npyOut, () -> org.dcganstudio.core.interop.NpyFiles.write(npyOut, images,
                    new ai.djl.ndarray.types.Shape(n, c, s, s)));
            System.out.println("wrote " + npyOut + " (" + n + ", " + c + ", " + s + ", " + s + ")" + note);
        }
    }
}

package org.dcganstudio.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.util.List;
import org.dcganstudio.core.latent.Vectors;
import org.dcganstudio.core.model.Generator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.DefaultModel;
import org.dcganstudio.core.training.Devices;
import picocli.CommandLine.Option;

/** Options of the commands that run a trained network: where it comes from and how it runs. */
final class InferenceOptions {

    @Option(names = "--checkpoint", description = "a checkpoint file, or a run directory (its latest checkpoint)")
    java.nio.file.Path checkpoint;

    @Option(names = "--batch-stats", description = "normalise with the batch's statistics instead of BatchNorm's running ones")
    boolean batchStats;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu, gpu or gpu:N (default ${DEFAULT-VALUE})")
    String device;

    /**
     * The checkpoint the command runs: {@code --checkpoint}, else the embedded default model.
     *
     * @throws IllegalArgumentException saying a model is needed when neither exists
     */
    Checkpoint requireCheckpoint() throws IOException {
        if (checkpoint != null) {
            return Checkpoint.read(checkpoint);
        }
        java.util.Optional<java.nio.file.Path> shipped = DefaultModel.find();
        if (shipped.isEmpty()) {
            throw new IllegalArgumentException("a model is needed: give --checkpoint CHECKPOINT_OR_RUN_DIR (the default "
                    + "model, assets/" + DefaultModel.RELATIVE + ", was not found in "
                    + org.dcganstudio.core.io.ShippedAssets.candidates(DefaultModel.RELATIVE) + ")");
        }
        return Checkpoint.read(shipped.get());
    }

    /**
     * G's images for latent vectors, all in one batch, on {@code --device}: BatchNorm's running
     * statistics (PyTorch's eval mode) unless {@code --batch-stats}.
     *
     * @return N·C·S·S values in [-1, 1], NCHW
     */
    float[] generate(Checkpoint ckpt, List<float[]> latents) throws IOException {
        ModelConfig config = ckpt.config().model();
        Autograd.disableOnThisThread();
        try (NDManager m = NDManager.newBaseManager(Devices.resolve(device));
                Generator g = new Generator(config, m, 0)) {
            ckpt.restoreGenerator(g);
            NDArray z = m.create(Vectors.pack(latents, config.nz()), new Shape(latents.size(), config.nz(), 1, 1));
            return g.forward(z, batchStats).toFloatArray();
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
            org.dcganstudio.core.interop.LatentFiles.write(latentsOut, latents);
            System.out.println("wrote " + latentsOut + " (" + n + ", " + config.nz() + ", 1, 1)" + note);
        }
        if (npyOut != null) {
            org.dcganstudio.core.interop.NpyFiles.write(npyOut, images, new ai.djl.ndarray.types.Shape(n, c, s, s));
            System.out.println("wrote " + npyOut + " (" + n + ", " + c + ", " + s + ", " + s + ")" + note);
        }
    }
}

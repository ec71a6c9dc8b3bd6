package org.dcganstudio.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.usecase.LoadedDiscriminator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code score}: D's sigmoid output for each image. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score images with D's weights (.safetensors, .pt, .pth) or a checkpoint: D(x), one per image.")
final class ScoreCommand implements Callable<Integer> {

    @Option(names = "--weights", description = "D state dict (.safetensors, or torch.save .pt/.pth read without running it; "
            + "pytorch/examples keys)")
    Path weights;

    @Mixin
    InferenceOptions run;

    @Mixin
    ModelOptions model;

    @Option(names = "--images", required = true, description = ".npy images (N, C, S, S) float32 in [-1, 1]")
    Path images;

    @Option(names = "--npy-out", required = true, description = "write scores (N,) float32")
    Path npyOut;

    @Override
    public Integer call() throws Exception {
        if (weights != null && run.checkpoint != null) {
            throw new IllegalArgumentException("give --weights D.safetensors|D.pth or --checkpoint PATH, not both");
        }
        // without --weights: --checkpoint, else the shipped default model
        Checkpoint ckpt = weights != null ? null : run.requireCheckpoint();
        int channels = ckpt != null ? ckpt.config().model().channels()
                : model.channels != null ? model.channels : ModelConfig.REFERENCE.channels();
        // Read once, on the CPU: D's architecture (without a checkpoint) depends on the images' size.
        try (NDManager cpu = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = Latents.readImages(images, channels, cpu);
            int size = (int) x.getShape().get(2);
            ModelConfig config = ckpt != null ? ckpt.config().model() : model.toConfig(size);
            if (config.imageSize() != size) {
                throw new IllegalArgumentException(images + ": images are " + size + "×" + size + ", the model takes "
                        + config.imageSize() + "×" + config.imageSize());
            }
            try (LoadedDiscriminator d = ckpt != null ? LoadedDiscriminator.load(ckpt, run.device())
                    : LoadedDiscriminator.load(config, weights, run.device())) {
                System.out.println("wrote " + npyOut + " " + d.scoreTo(x, run.batchStats, npyOut));
            }
        }
        return 0;
    }
}

package org.dcganstudio.core.usecase;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import org.dcganstudio.core.interop.NpyFiles;
import org.dcganstudio.core.interop.StateDicts;
import org.dcganstudio.core.interop.TorchStateDicts;
import org.dcganstudio.core.model.Discriminator;
import org.dcganstudio.core.model.ModelConfig;
import org.dcganstudio.core.nn.Autograd;
import org.dcganstudio.core.training.Checkpoint;
import org.dcganstudio.core.training.Devices;

/**
 * A discriminator on a device, ready to score: the one place where D's weights become a network
 * outside training. Closing it frees its native memory.
 */
public final class LoadedDiscriminator implements AutoCloseable {

    private final NDManager manager;
    private final Discriminator discriminator;

    private LoadedDiscriminator(ModelConfig config, String device) {
        Autograd.disableOnThisThread();
        manager = NDManager.newBaseManager(Devices.resolve(device));
        try {
            discriminator = new Discriminator(config, manager, 0);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The checkpoint's discriminator on {@code device}. */
    public static LoadedDiscriminator load(Checkpoint ckpt, String device) throws IOException {
        LoadedDiscriminator d = new LoadedDiscriminator(ckpt.config().model(), device);
        return Networks.filledOrClosed(d, () -> ckpt.restoreDiscriminator(d.discriminator));
    }

    /** A discriminator state dict file ({@code .safetensors}, {@code .pt}, {@code .pth}) in the architecture {@code config}. */
    public static LoadedDiscriminator load(ModelConfig config, Path stateDict, String device) throws IOException {
        byte[] state = TorchStateDicts.asSafetensors(stateDict);
        LoadedDiscriminator d = new LoadedDiscriminator(config, device);
        return Networks.filledOrClosed(d, () -> StateDicts.load(d.discriminator, state, stateDict.toString()));
    }

    /**
     * D's probability that each image is real, written to {@code out} as (N,) float32.
     *
     * @param images (N, C, S, S) images in [-1, 1]
     * @return the written scores' shape, for the caller's report
     */
    public String scoreTo(NDArray images, boolean batchStats, Path out) throws IOException {
        // images read on the CPU are moved here only when D runs elsewhere
        NDArray scores = discriminator.score(images.toDevice(manager.getDevice(), false), batchStats);
        NpyFiles.write(out, scores);
        return scores.getShape().toString();
    }

    /** Writes the weights as a pytorch/examples state dict ({@code .safetensors}). */
    public void save(Path stateDict) throws IOException {
        StateDicts.save(discriminator, stateDict);
    }

    /** The network itself, for the core's measures that drive it (the memorisation check). */
    public Discriminator network() {
        return discriminator;
    }

    @Override
    public void close() {
        discriminator.close();
        manager.close();
    }
}
